package se.norrort.consortium.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.security.TokenMinter;

/**
 * Records the story of the seed document through the public command API, so a newcomer sees real data at once:
 * <ol>
 *     <li>Sigtuna (0191) opens the § 37 application and invites all 15 Koordination Norrort municipalities;</li>
 *     <li>14 municipalities join, each on its own committee decision; Danderyd's Socialnämnden decides with
 *     immediate adjustment (justeras omedelbart);</li>
 *     <li>Vaxholm (0187) declines;</li>
 *     <li>Danderyd's Socialnämnden, in the same paragraph, delegates the signing of the cooperation form
 *     (samverkansblankett) to its socialdirektör Britt-Marie Ekström, who signs;</li>
 *     <li>every other participant delegates the signing to its own socialdirektör, who signs;</li>
 *     <li>Sigtuna submits, and Länsstyrelsen i Stockholms län grants less than applied for, under a case number.</li>
 * </ol>
 * Dates are relative to today in Europe/Stockholm, because the service checks them against its own clock.
 * <p>
 * Idempotent: a second run finds the application already opened (409) and changes nothing. Any other refusal stops
 * the seed with the problem the service answered. A run interrupted after the opening is not resumed; start from an
 * empty data directory to record the story again.
 */
final class SeedStory {

    static final String APPLICATION_ID = "norrort-gemensam-resurs";
    /** The 14 municipalities that join (Vaxholm, 0187, is the one that does not), with their deciding committee. */
    static final Map<String, String> JOINING = new LinkedHashMap<>();

    static final String OWNER = "0191";
    static final String DANDERYD = "0162";
    static final String DECLINING = "0187";
    static final long APPLIED_SEK = 2_400_000;
    static final long GRANTED_SEK = 1_800_000;

    private static final ZoneId BUSINESS_ZONE = BusinessZone.ZONE;
    private static final String FUNDER = "Länsstyrelsen i Stockholms län";
    private static final String SCOPE = "Underteckna samverkansblankett till en projektansökan till Länsstyrelsen";

    static {
        JOINING.put("0191", "Socialnämnden");
        JOINING.put("0114", "Socialnämnden");
        JOINING.put("0115", "Socialnämnden");
        JOINING.put("0117", "Socialnämnden");
        JOINING.put("0123", "Socialnämnden");
        JOINING.put("0125", "Socialnämnden");
        JOINING.put("0139", "Socialnämnden");
        JOINING.put("0160", "Socialnämnden");
        JOINING.put("0162", "Socialnämnden");
        JOINING.put("0163", "Socialnämnden");
        JOINING.put("0183", "Socialnämnden");
        JOINING.put("0184", "Socialnämnden");
        JOINING.put("0186", "Socialnämnden");
        JOINING.put("0188", "Socialnämnden");
    }

    /** Who acts in a step: the claims of the token minted for it. */
    private record Actor(String personId, String displayName, String role, String municipality) {

        static Actor officer(String code) {
            return new Actor("officer." + code, "Handläggare " + municipalityName(code), "MUNICIPALITY_OFFICER", code);
        }

        static Actor socialDirector(String code) {
            return new Actor(
                    "socialdirektor." + code, "Socialdirektören i " + municipalityName(code), "SIGNATORY", code);
        }
    }

    /** Danderyd's socialdirektör, named in the seed document. */
    private static final Actor BRITT_MARIE_EKSTROM =
            new Actor("britt-marie.ekstrom", "Britt-Marie Ekström", "SIGNATORY", DANDERYD);

    private static final Actor FUNDER_OFFICER =
            new Actor("lansstyrelsen.handlaggare", "Handläggare, " + FUNDER, "FUNDER_OFFICER", null);

    private final String commandUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TokenMinter tokens;
    private final Consumer<Chapter> chapters;

    /**
     * The points between the story's chapters, told to a listener before the next chapter starts. A test that wants
     * the story to span several days (for an auditor's "state as of a date") moves the events' clock there.
     */
    enum Chapter {
        /** Sigtuna has opened the application; nobody has joined yet. */
        OPENED,
        /** The first half of the joining municipalities (7 of 14) have joined; nobody has signed yet. */
        HALF_JOINED,
        /** Everyone who joined has signed; next Sigtuna submits and Länsstyrelsen grants. */
        ALL_SIGNED
    }

    /** @param tokens mints each actor's bearer token with the local key, as a person's login would supply it */
    SeedStory(String commandUrl, TokenMinter tokens) {
        this(commandUrl, tokens, chapter -> {});
    }

    /** As {@link #SeedStory(String, TokenMinter)}, telling {@code chapters} where the story is. */
    SeedStory(String commandUrl, TokenMinter tokens, Consumer<Chapter> chapters) {
        this.commandUrl = commandUrl;
        this.tokens = tokens;
        this.chapters = chapters;
    }

    void run() throws IOException, InterruptedException {
        LocalDate today = LocalDate.now(BUSINESS_ZONE);
        LocalDate periodEnd = today.plusYears(2);
        HttpResponse<String> opened = send("/api/applications", Actor.officer(OWNER), """
                {"applicationId":"%s","ownerMunicipality":"%s","legalBasis":"SECTION_37",
                 "funderName":"%s",
                 "title":"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",
                 "targetGroups":["nyanlända","ensamkommande barn och unga"],
                 "periodStart":"%s","periodEnd":"%s","joiningDeadline":"%s","appliedAmountSek":%d}
                """.formatted(
                        APPLICATION_ID, OWNER, FUNDER, today, periodEnd, today.plusMonths(2), APPLIED_SEK));
        if (opened.statusCode() == 409) {
            System.out.println("Seed: the application " + APPLICATION_ID + " already exists; nothing changed.");
            return;
        }
        ensureAccepted("/api/applications", opened);
        chapters.accept(Chapter.OPENED);

        Map<String, String> decisions = new LinkedHashMap<>();
        int paragraph = 40;
        for (var entry : JOINING.entrySet()) {
            if (decisions.size() == JOINING.size() / 2) {
                chapters.accept(Chapter.HALF_JOINED);
            }
            String code = entry.getKey();
            boolean danderyd = code.equals(DANDERYD);
            LocalDate meeting = today.minusDays(danderyd ? 14 : 20);
            String decision = """
                    {"body":"%s","meetingDate":"%s","paragraph":"§ %d","immediateAdjustment":%s,\
                    "announcementDate":"%s"}""".formatted(
                    entry.getValue(), meeting, paragraph++, danderyd, danderyd ? meeting : meeting.plusDays(14));
            decisions.put(code, decision);
            post(municipalityPath(code) + "/join", Actor.officer(code), "{\"decision\":" + decision + "}");
        }

        post(
                municipalityPath(DECLINING) + "/decline",
                Actor.officer(DECLINING),
                "{\"reason\":\"" + municipalityName(DECLINING) + " deltar inte i den gemensamma ansökan.\"}");

        // Danderyd: the paragraph that makes Danderyd take part also delegates the signing to the socialdirektör.
        delegateAndSign(DANDERYD, decisions.get(DANDERYD), BRITT_MARIE_EKSTROM, "danderyd-socialdirektor");
        for (String code : JOINING.keySet()) {
            if (!code.equals(DANDERYD)) {
                delegateAndSign(code, decisions.get(code), Actor.socialDirector(code), "socialdirektor-" + code);
            }
        }
        chapters.accept(Chapter.ALL_SIGNED);

        post("/api/applications/" + APPLICATION_ID + "/submission", Actor.officer(OWNER), "");
        post("/api/applications/" + APPLICATION_ID + "/award", FUNDER_OFFICER, """
                {"amountSek":%d,"caseNumber":"851-41235-%d","decisionDate":"%s",
                 "conditions":"Medlen får användas endast för projektet enligt ansökan.",
                 "reportDueDates":[{"report":"INTERIM","dueDate":"%s"},{"report":"FINAL","dueDate":"%s"}]}
                """.formatted(
                        GRANTED_SEK, today.getYear(), today, today.plusYears(1), periodEnd.plusMonths(3)));

        System.out.println("Seed: application " + APPLICATION_ID + " opened by Sigtuna; " + JOINING.size()
                + " municipalities joined and signed, " + municipalityName(DECLINING)
                + " declined; submitted; " + FUNDER + " granted " + GRANTED_SEK + " of "
                + APPLIED_SEK + " SEK.");
    }

    /** The municipality's officer records the delegation to {@code signatory}, who then signs under it. */
    private void delegateAndSign(String code, String decision, Actor signatory, String delegationId)
            throws IOException, InterruptedException {
        post(municipalityPath(code) + "/delegations", Actor.officer(code), """
                {"delegationId":"%s","decision":%s,"delegate":"%s","delegateName":"%s",
                 "delegateRole":"socialdirektör","scope":"%s"}
                """.formatted(
                        delegationId, decision, signatory.personId(), signatory.displayName(), SCOPE));
        post(municipalityPath(code) + "/signature", signatory, "{\"delegationId\":\"" + delegationId + "\"}");
    }

    private static String municipalityPath(String code) {
        return "/api/applications/" + APPLICATION_ID + "/municipalities/" + code;
    }

    private static String municipalityName(String code) {
        return Municipalities.byCode(MunicipalityCode.of(code))
                .map(Municipalities::officialName)
                .orElse(code);
    }

    /** Posts a command as {@code actor}; any refusal stops the seed, because the story must be told whole. */
    private void post(String path, Actor actor, String body) throws IOException, InterruptedException {
        ensureAccepted(path, send(path, actor, body));
    }

    private HttpResponse<String> send(String path, Actor actor, String body) throws IOException, InterruptedException {
        String token = tokens.mint(
                actor.personId(), actor.displayName(), actor.role(), actor.municipality(), Duration.ofMinutes(10));
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void ensureAccepted(String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "Seed step " + path + " was refused (" + response.statusCode() + "): " + response.body());
        }
    }
}
