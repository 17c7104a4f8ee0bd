package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.security.TestTokens;

/**
 * Steps of the application's life over HTTP, for tests that need an application in a given state, and the check
 * that a refusal answers a problem with a stable code and stores nothing. Dates are relative to today in
 * Europe/Stockholm, because the service decides with the real clock.
 */
public abstract class CommandApiScenarioBase extends CommandApiTestBase {

    protected static final String SIGTUNA = "0191";
    protected static final String DANDERYD = "0162";
    protected static final String TABY = "0160";
    protected static final String VAXHOLM = "0187";
    protected static final long APPLIED_SEK = 2_400_000;
    protected static final long GRANTED_SEK = 1_800_000;

    protected static LocalDate today() {
        return LocalDate.now(BusinessZone.ZONE);
    }

    // --- actors

    protected WebTestClient.RequestBodySpec postAs(
            String path, String personId, String name, String role, String municipality) {
        WebTestClient.RequestBodySpec spec = web.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.token(personId, name, role, municipality)));
        return spec;
    }

    /** The delegate of {@code municipality} in these tests, acting as signatory. */
    protected WebTestClient.RequestBodySpec asSignatory(String path, String municipality) {
        return postAs(path, signatoryId(municipality), "Socialdirektör " + municipality, "SIGNATORY", municipality);
    }

    /** An officer of Länsstyrelsen, the funder. */
    protected WebTestClient.RequestBodySpec asFunder(String path) {
        return postAs(path, "lst-handlaggare-1", "Handläggare, Länsstyrelsen i Stockholms län", "FUNDER_OFFICER", null);
    }

    protected static String signatoryId(String municipality) {
        return "socialdirektor-" + municipality;
    }

    protected static String delegationId(String municipality) {
        return "delegation-" + municipality;
    }

    // --- bodies

    /** Sigtuna's application: period from today for two years, joining open for two months. */
    protected static String openJson(String id, String invited) {
        LocalDate today = today();
        return """
                {"applicationId":"%s","ownerMunicipality":"0191","legalBasis":"SECTION_37",
                 "funderName":"Länsstyrelsen i Stockholms län",
                 "title":"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",
                 "targetGroups":["nyanlända"],"periodStart":"%s","periodEnd":"%s","joiningDeadline":"%s",
                 "appliedAmountSek":%d%s}
                """.formatted(
                        id,
                        today,
                        today.plusYears(2),
                        today.plusMonths(2),
                        APPLIED_SEK,
                        invited == null ? "" : ",\"invitedMunicipalities\":" + invited);
    }

    /** Socialnämnden's decision a week ago under {@code paragraph}, adjusted immediately. */
    protected static String decisionJson(String paragraph) {
        return decisionJson("Socialnämnden", today().minusDays(7), paragraph, true, today().minusDays(7));
    }

    protected static String decisionJson(
            String body, LocalDate meeting, String paragraph, boolean immediate, LocalDate announced) {
        return """
                {"body":"%s","meetingDate":"%s","paragraph":"%s","immediateAdjustment":%s,"announcementDate":"%s"}\
                """.formatted(body, meeting, paragraph, immediate, announced);
    }

    protected static String delegationJson(String delegationId, String delegate, String decision) {
        return """
                {%s"decision":%s,"delegate":"%s","delegateName":"Socialdirektör","delegateRole":"socialdirektör",
                 "scope":"Underteckna samverkansblankett till en projektansökan till Länsstyrelsen"}
                """.formatted(
                        delegationId == null ? "" : "\"delegationId\":\"" + delegationId + "\",", decision, delegate);
    }

    protected static String awardJson(long amountSek, LocalDate decisionDate) {
        return """
                {"amountSek":%d,"caseNumber":"851-41235-%d","decisionDate":"%s",
                 "conditions":"Medlen får användas endast för projektet enligt ansökan.",
                 "reportDueDates":[{"report":"INTERIM","dueDate":"%s"},{"report":"FINAL","dueDate":"%s"}]}
                """.formatted(
                amountSek, decisionDate.getYear(), decisionDate, decisionDate.plusYears(1), decisionDate.plusYears(2));
    }

    // --- steps, each expected to succeed (a scenario's application has dates from today, see openJson)

    @Override
    protected void open(String id) {
        post("/api/applications", SIGTUNA)
                .bodyValue(openJson(id, null))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Override
    protected void join(String id, String municipality) {
        post(municipalityPath(id, municipality) + "/join", municipality)
                .bodyValue("{\"decision\":" + decisionJson("§ 45") + "}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    protected void delegate(String id, String municipality) {
        post(municipalityPath(id, municipality) + "/delegations", municipality)
                .bodyValue(delegationJson(delegationId(municipality), signatoryId(municipality), decisionJson("§ 46")))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    protected void sign(String id, String municipality) {
        asSignatory(municipalityPath(id, municipality) + "/signature", municipality)
                .bodyValue("{\"delegationId\":\"" + delegationId(municipality) + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** Opened; Sigtuna and Danderyd joined, delegated and signed. */
    protected void readyToSubmit(String id) {
        open(id);
        for (String municipality : List.of(SIGTUNA, DANDERYD)) {
            join(id, municipality);
            delegate(id, municipality);
            sign(id, municipality);
        }
    }

    protected void submitted(String id) {
        readyToSubmit(id);
        post("/api/applications/" + id + "/submission", SIGTUNA)
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** Submitted, then granted in part today with an interim and a final report due. */
    protected void granted(String id) {
        submitted(id);
        asFunder("/api/applications/" + id + "/award")
                .bodyValue(awardJson(GRANTED_SEK, today()))
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    protected static String municipalityPath(String id, String municipality) {
        return "/api/applications/" + id + "/municipalities/" + municipality;
    }

    // --- checks

    /** The request is refused with {@code status} and {@code code} as problem+json, and no event is stored. */
    protected void expectRefused(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        int before = allEvents().size();
        expectProblem(request.exchange(), status, code).jsonPath("$.detail").isNotEmpty();
        assertThat(allEvents()).as("events stored after a refusal").hasSize(before);
    }

    protected List<StoredEvent> stream(String id) {
        return eventLog.readStream(id, 0, 1000);
    }

    protected StoredEvent lastEvent(String id) {
        List<StoredEvent> events = stream(id);
        return events.get(events.size() - 1);
    }
}
