package se.norrort.consortium.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.security.TokenMinter;

/**
 * The whole story of the seed document (as {@code deploy/SeedStory} records it) for one application: open, 14
 * joins (Danderyd with immediate adjustment), Vaxholm declines, 14 delegations and 14 signatures, submit, award: 46
 * commands over HTTP, each with its own actor's token minted with the local key.
 */
final class SeedFlow {

    static final int COMMANDS = 46;
    static final String OWNER = "0191";
    private static final String DANDERYD = "0162";
    private static final String DECLINING = "0187";
    private static final List<String> JOINING = List.of(
            "0191", "0114", "0115", "0117", "0123", "0125", "0139", "0160", "0162", "0163", "0183", "0184", "0186",
            "0188");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(\\d+)");
    private static final String FUNDER = "Länsstyrelsen i Stockholms län";
    private static final String SCOPE = "Underteckna samverkansblankett till en projektansökan till Länsstyrelsen";

    /** Told of every accepted command: its application, position, latency, and when its answer arrived. */
    interface Listener {
        void accepted(String applicationId, long position, long latencyNanos, long answeredAtNanos);
    }

    private final HttpClient client;
    private final String commandUrl;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final TokenMinter minter;

    SeedFlow(HttpClient client, String commandUrl, TokenMinter minter) {
        this.client = client;
        this.commandUrl = commandUrl;
        this.minter = minter;
    }

    /**
     * Runs the story for {@code applicationId}; stops early (between commands) once {@code stop} says so.
     *
     * @return the number of commands accepted
     */
    int run(String applicationId, Listener listener, BooleanSupplier stop) throws IOException, InterruptedException {
        return run(applicationId, listener, stop, position -> {});
    }

    /** As {@link #run(String, Listener, BooleanSupplier)}, calling {@code afterOpen} once the opening is answered. */
    int run(String applicationId, Listener listener, BooleanSupplier stop, java.util.function.LongConsumer afterOpen)
            throws IOException, InterruptedException {
        LocalDate today = LocalDate.now(BusinessZone.ZONE);
        LocalDate periodEnd = today.plusYears(2);
        int done = 0;
        done += post(
                applicationId,
                "/api/applications",
                officer(OWNER),
                """
                {"applicationId":"%s","ownerMunicipality":"%s","legalBasis":"SECTION_37","funderName":"%s",
                 "title":"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",
                 "targetGroups":["nyanlända","ensamkommande barn och unga"],
                 "periodStart":"%s","periodEnd":"%s","joiningDeadline":"%s","appliedAmountSek":2400000}
                """.formatted(applicationId, OWNER, FUNDER, today, periodEnd, today.plusMonths(2)),
                (a, position, nanos, at) -> {
                    listener.accepted(a, position, nanos, at);
                    afterOpen.accept(position);
                });
        Map<String, String> decisions = new LinkedHashMap<>();
        int paragraph = 40;
        for (String code : JOINING) {
            if (stop.getAsBoolean()) {
                return done;
            }
            boolean danderyd = code.equals(DANDERYD);
            LocalDate meeting = today.minusDays(danderyd ? 14 : 20);
            String decision = """
                    {"body":"Socialnämnden","meetingDate":"%s","paragraph":"§ %d","immediateAdjustment":%s,\
                    "announcementDate":"%s"}""".formatted(meeting, paragraph++, danderyd, danderyd ? meeting : meeting.plusDays(14));
            decisions.put(code, decision);
            done += post(
                    applicationId,
                    path(applicationId, code) + "/join",
                    officer(code),
                    "{\"decision\":" + decision + "}",
                    listener);
        }
        done += post(
                applicationId,
                path(applicationId, DECLINING) + "/decline",
                officer(DECLINING),
                "{\"reason\":\"Vaxholm deltar inte i den gemensamma ansökan.\"}",
                listener);
        for (String code : JOINING) {
            if (stop.getAsBoolean()) {
                return done;
            }
            String delegationId = "socialdirektor-" + code;
            String[] signatory = socialDirector(code);
            done += post(
                    applicationId,
                    path(applicationId, code) + "/delegations",
                    officer(code),
                    """
                    {"delegationId":"%s","decision":%s,"delegate":"%s","delegateName":"%s",
                     "delegateRole":"socialdirektör","scope":"%s"}
                    """.formatted(delegationId, decisions.get(code), signatory[0], signatory[1], SCOPE),
                    listener);
            done += post(
                    applicationId,
                    path(applicationId, code) + "/signature",
                    signatory,
                    "{\"delegationId\":\"" + delegationId + "\"}",
                    listener);
        }
        done += post(applicationId, "/api/applications/" + applicationId + "/submission", officer(OWNER), "", listener);
        done += post(
                applicationId,
                "/api/applications/" + applicationId + "/award",
                funder(),
                """
                {"amountSek":1800000,"caseNumber":"851-41235-%d","decisionDate":"%s",
                 "conditions":"Medlen får användas endast för projektet enligt ansökan.",
                 "reportDueDates":[{"report":"INTERIM","dueDate":"%s"},{"report":"FINAL","dueDate":"%s"}]}
                """.formatted(today.getYear(), today, today.plusYears(1), periodEnd.plusMonths(3)),
                listener);
        return done;
    }

    private static String path(String applicationId, String code) {
        return "/api/applications/" + applicationId + "/municipalities/" + code;
    }

    private static String[] officer(String code) {
        return new String[] {"officer." + code, "Handläggare " + code, "MUNICIPALITY_OFFICER", code};
    }

    private static String[] socialDirector(String code) {
        return new String[] {"socialdirektor." + code, "Socialdirektören i " + code, "SIGNATORY", code};
    }

    private static String[] funder() {
        return new String[] {"lansstyrelsen.handlaggare", "Handläggare, " + FUNDER, "FUNDER_OFFICER", null};
    }

    /** A token per actor, minted once (valid for the whole run), as a signed-in person's client would hold it. */
    String token(String[] actor) {
        return tokens.computeIfAbsent(
                actor[0], id -> minter.mint(actor[0], actor[1], actor[2], actor[3], Duration.ofHours(2)));
    }

    private int post(String applicationId, String path, String[] actor, String body, Listener listener)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(actor))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long end = System.nanoTime();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " was refused (" + response.statusCode() + "): " + response.body());
        }
        Matcher m = POSITION.matcher(response.body());
        long position = m.find() ? Long.parseLong(m.group(1)) : -1;
        listener.accepted(applicationId, position, end - start, end);
        return 1;
    }
}
