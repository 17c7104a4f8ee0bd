package se.norrort.consortium.query.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.TestEvents;
import se.norrort.consortium.query.api.StoredHistory;
import se.norrort.consortium.security.TestTokens;

class HistoryApiTest extends AuditorApiTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    private Flux<Map<String, Object>> ndjson(String uri) {
        return web.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(JSON)
                .getResponseBody();
    }

    private List<Object> sequences(String uri) {
        List<Object> sequences = new ArrayList<>();
        ndjson(uri).map(e -> e.get("sequence")).doOnNext(sequences::add).blockLast(Duration.ofSeconds(10));
        return sequences;
    }

    @Test
    void givenTheStory_whenReadingTheHistoryAsNdjson_thenEveryStoredEventInOrderWithWhoWhenOnWhichDecisionAndItsHash() {
        List<StoredEvent> stored = story("hi-1");

        StepVerifier.create(ndjson("/api/applications/hi-1/history"))
                .assertNext(e -> assertThat(e)
                        .containsEntry("sequence", 0)
                        .containsEntry("type", "ApplicationOpened")
                        .containsEntry("time", "2023-09-01T08:00:00Z")
                        .containsEntry("actorName", "Anna Berg")
                        .containsEntry("correlationId", "c-open"))
                .assertNext(e -> {
                    assertThat(e)
                            .containsEntry("applicationId", "hi-1")
                            .containsEntry("sequence", 1)
                            .containsEntry("eventId", stored.get(1).eventId())
                            .containsEntry("time", "2023-09-20T10:00:00Z")
                            .containsEntry("type", "MunicipalityJoined")
                            .containsEntry("actorId", "lina")
                            .containsEntry("actorName", "Lina Holm")
                            .containsEntry("actorRole", "MUNICIPALITY_OFFICER")
                            .containsEntry("actorMunicipality", "0162")
                            .containsEntry("municipality", "0162")
                            .containsEntry("chainHash", chainHash(stored.get(1)))
                            .containsEntry(
                                    "description",
                                    "Danderyd (0162) joined on Socialnämnden's"
                                            + " decision § 45 of 2023-09-12, adjusted immediately; appeal deadline"
                                            + " 2023-10-04.");
                    assertThat(((Number) e.get("position")).longValue())
                            .isEqualTo(stored.get(1).position());
                    assertThat(map(e.get("decision")))
                            .containsEntry("body", "Socialnämnden")
                            .containsEntry("paragraph", "§ 45")
                            .containsEntry("meetingDate", "2023-09-12")
                            .containsEntry("immediateAdjustment", true);
                    assertThat(map(e.get("payload")))
                            .containsEntry("applicationId", "hi-1")
                            .containsEntry("municipality", "0162");
                })
                .expectNextCount(3)
                .assertNext(e -> assertThat(e)
                        .containsEntry("type", "CooperationFormSigned")
                        .containsEntry("actorRole", "SIGNATORY")
                        .containsEntry("delegationId", "del-0162")
                        .containsEntry("chainHash", chainHash(stored.get(5))))
                .expectNextCount(3)
                .assertNext(e -> {
                    assertThat(e)
                            .containsEntry("sequence", 9)
                            .containsEntry("type", "AwardGranted")
                            .containsEntry("actorRole", "FUNDER_OFFICER")
                            .containsEntry("time", "2024-01-15T13:00:00Z");
                    assertThat(map(e.get("payload")))
                            .containsEntry("caseNumber", "851-41235-2023")
                            .containsEntry("amountSek", 3_200_000);
                })
                .verifyComplete();
    }

    @Test
    void
            givenTheStory_whenReadingTheHistoryAsSse_thenOneEventPerStoredEventWithItsPositionAsId_andLastEventIdResumes() {
        List<StoredEvent> stored = story("hi-sse");

        Flux<ServerSentEvent<Map<String, Object>>> all = web.get()
                .uri("/api/applications/hi-sse/history")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE)
                .getResponseBody();
        StepVerifier.create(all)
                .assertNext(e -> {
                    assertThat(e.id()).isEqualTo(Long.toString(stored.get(0).position()));
                    assertThat(e.data()).containsEntry("type", "ApplicationOpened");
                })
                .expectNextCount(8)
                .assertNext(e -> {
                    assertThat(e.id()).isEqualTo(Long.toString(stored.get(9).position()));
                    assertThat(e.data())
                            .containsEntry("type", "AwardGranted")
                            .containsEntry("chainHash", chainHash(stored.get(9)));
                })
                .verifyComplete();

        Flux<ServerSentEvent<Map<String, Object>>> resumed = web.get()
                .uri("/api/applications/hi-sse/history/stream")
                .header("Last-Event-ID", Long.toString(stored.get(7).position()))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody();
        StepVerifier.create(resumed)
                .assertNext(e -> assertThat(e.data()).containsEntry("type", "ApplicationSubmitted"))
                .assertNext(e -> assertThat(e.data()).containsEntry("type", "AwardGranted"))
                .verifyComplete();
    }

    @Test
    void givenFilters_thenOnlyTheEventsAboutThatMunicipalityOfThoseTypesInThatPeriod() {
        story("hi-filter");

        // about Täby, or done by someone acting for Täby
        assertThat(sequences("/api/applications/hi-filter/history?municipality=0160"))
                .containsExactly(3, 6, 7);
        assertThat(sequences("/api/applications/hi-filter/history?type=MunicipalityJoined&type=ParticipationDeclined"))
                .containsExactly(1, 3, 4);
        assertThat(sequences(
                        "/api/applications/hi-filter/history?from=" + DANDERYD_DELEGATED + "&to=" + DANDERYD_SIGNED))
                .containsExactly(2, 3, 4, 5);
        assertThat(sequences("/api/applications/hi-filter/history?municipality=0162&type=CooperationFormSigned"
                        + "&from=2023-10-01T00:00:00Z"))
                .containsExactly(5);
    }

    @Test
    void givenAHistoryOfSeveralPages_thenItIsStreamedWhole_inOrder() {
        String id = "hi-long";
        appendAt(0, OPENED, ANNA, opened(id));
        int events = StoredHistory.PAGE * 2 + 30;
        for (int i = 1; i < events; i++) {
            appendAt(i, OPENED.plusSeconds(i), LINA, budget(id, "0162", 2024 + i % 2, 1_000L * i));
        }

        List<Object> sequences = sequences("/api/applications/" + id + "/history");

        assertThat(sequences).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
    }

    @Test
    void givenBadFiltersOrAnUnknownApplication_thenProblems() {
        web.get()
                .uri("/api/applications/hi-unknown/history")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
        web.get()
                .uri("/api/applications/hi-unknown/history?type=NoSuchEvent")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        web.get()
                .uri("/api/applications/hi-unknown/history?from=yesterday")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get()
                .uri("/api/applications/hi-unknown/state?asOfDate=2023-13-01")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get()
                .uri("/api/applications/hi-unknown/state")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void givenTheStory_whenAskingTheStateBeforeAnyJoin_thenOpenWithEveryMunicipalityInvited() {
        story("st-1");

        Map<String, Object> state = state("/api/applications/st-1/state?asOf=2023-09-10T00:00:00Z");

        assertThat(state)
                .containsEntry("applicationId", "st-1")
                .containsEntry("asOf", "2023-09-10T00:00:00Z")
                .containsEntry("eventsApplied", 1)
                .containsEntry("status", "OPEN")
                .containsEntry("ownerMunicipality", "0191");
        assertThat(map(state.get("lastEvent"))).containsEntry("sequence", 0).containsEntry("type", "ApplicationOpened");
        List<Map<String, Object>> memberships = list(state.get("memberships"));
        assertThat(memberships)
                .hasSize(15)
                .allSatisfy(
                        m -> assertThat(m).containsEntry("status", "INVITED").containsEntry("signed", false));
        assertThat(list(state.get("signatures"))).isEmpty();
        assertThat(list(state.get("delegations"))).isEmpty();
        assertThat(map(state.get("amounts")))
                .containsEntry("appliedSek", 4_000_000)
                .containsEntry("grantedSek", 0);
    }

    @Test
    void givenAWithdrawalAndAnInvitationAgain_whenAskingTheState_thenTheMunicipalityIsInvited() {
        append(
                0,
                TestEvents.opened("st-reinvite"),
                TestEvents.joined("st-reinvite", "0162"),
                TestEvents.withdrew("st-reinvite", "0162"),
                TestEvents.invited("st-reinvite", "0162"));

        Map<String, Object> state = state("/api/applications/st-reinvite/state");

        assertThat(state).containsEntry("eventsApplied", 4).containsEntry("status", "OPEN");
        assertThat(membership(state, "0162")).containsEntry("status", "INVITED").containsEntry("signed", false);
        assertThat(membership(state, "0162").get("decision")).isNull();
    }

    @Test
    void givenTheStory_whenAskingTheStateAtTheEndOfADayMidJoining_thenTheDayIsAStockholmDay() {
        story("st-2");

        // Täby joined at 00:30 on 2 October in Stockholm (22:30 UTC on 1 October): not yet at the end of 1 October.
        Map<String, Object> state = state("/api/applications/st-2/state?asOfDate=2023-10-01");

        assertThat(state)
                .containsEntry("asOf", "2023-10-01T21:59:59.999999999Z")
                .containsEntry("eventsApplied", 3)
                .containsEntry("status", "OPEN");
        assertThat(membership(state, "0162"))
                .containsEntry("status", "JOINED")
                .containsEntry("signed", false)
                .containsEntry("appealDeadline", "2023-10-04");
        assertThat(map(membership(state, "0162").get("decision"))).containsEntry("paragraph", "§ 45");
        assertThat(membership(state, "0160")).containsEntry("status", "INVITED");
        assertThat(list(state.get("delegations")))
                .singleElement()
                .satisfies(d -> assertThat(d)
                        .containsEntry("delegationId", "del-0162")
                        .containsEntry("revoked", false)
                        .containsEntry("delegateRole", "socialdirektör"));

        // An instant exactly at an event's time includes that event.
        Map<String, Object> atTheJoin = state("/api/applications/st-2/state?asOf=" + TABY_JOINED);
        assertThat(atTheJoin).containsEntry("eventsApplied", 4);
        assertThat(membership(atTheJoin, "0160")).containsEntry("status", "JOINED");
    }

    @Test
    void givenTheStory_whenAskingTheStateAfterTheAward_thenGrantedWithSignaturesAndAmounts() {
        story("st-3");

        Map<String, Object> state = state("/api/applications/st-3/state?asOf=2024-02-01T00:00:00Z");

        assertThat(state)
                .containsEntry("eventsApplied", 10)
                .containsEntry("status", "GRANTED")
                .containsEntry("caseNumber", "851-41235-2023")
                .containsEntry("fundingDecisionDate", "2023-12-14");
        assertThat(map(state.get("amounts")))
                .containsEntry("appliedSek", 4_000_000)
                .containsEntry("grantedSek", 3_200_000);
        assertThat(membership(state, "0162")).containsEntry("status", "JOINED").containsEntry("signed", true);
        assertThat(membership(state, "0160")).containsEntry("status", "JOINED").containsEntry("signed", true);
        assertThat(membership(state, "0184"))
                .containsEntry("status", "DECLINED")
                .containsEntry("reason", "Ingen kapacitet i år");
        assertThat(list(state.get("signatures")))
                .extracting(s -> s.get("municipality"), s -> s.get("delegationId"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0160", "del-0160"),
                        org.assertj.core.groups.Tuple.tuple("0162", "del-0162"));
        assertThat(list(state.get("reports"))).extracting(r -> r.get("report")).containsExactly("INTERIM", "FINAL");
    }

    @Test
    void givenTwoInstants_thenTheEventsBetweenThemAndWhatTheyChanged() {
        story("ch-1");

        Map<String, Object> changes = web.get()
                .uri("/api/applications/ch-1/changes?from=2023-09-10T00:00:00Z&to=" + DANDERYD_SIGNED)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(changes)
                .containsEntry("from", "2023-09-10T00:00:00Z")
                .containsEntry("to", "2023-10-05T09:00:00Z")
                .containsEntry("eventCount", 5)
                .containsEntry("truncated", false);
        assertThat(list(changes.get("events")))
                .extracting(e -> e.get("type"))
                .containsExactly(
                        "MunicipalityJoined",
                        "SignatureDelegated",
                        "MunicipalityJoined",
                        "ParticipationDeclined",
                        "CooperationFormSigned");
        assertThat(map(changes.get("before")))
                .containsEntry("status", "OPEN")
                .containsEntry("memberships.0162.status", "INVITED");
        assertThat(map(changes.get("after"))).containsEntry("memberships.0162.signed", true);
        List<Map<String, Object>> differences = list(changes.get("differences"));
        assertThat(differences)
                .extracting(d -> d.get("field"))
                .contains(
                        "memberships.0162.status",
                        "memberships.0162.signed",
                        "memberships.0160.status",
                        "memberships.0184.status",
                        "delegations.del-0162.revoked")
                .doesNotContain("status", "memberships.0114.status");
        assertThat(differences)
                .filteredOn(d -> d.get("field").equals("memberships.0184.status"))
                .singleElement()
                .satisfies(d -> assertThat(d).containsEntry("before", "INVITED").containsEntry("after", "DECLINED"));
        assertThat(differences)
                .filteredOn(d -> d.get("field").equals("delegations.del-0162.revoked"))
                .singleElement()
                .satisfies(d -> assertThat(d).containsEntry("before", null).containsEntry("after", false));

        web.get()
                .uri("/api/applications/ch-1/changes?from=" + DANDERYD_SIGNED + "&to=2023-09-10T00:00:00Z")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void givenAuditorReads_thenEachIsRecordedInTheAccessLog_notInTheApplicationsHistory() {
        story("log-1");

        ndjson("/api/applications/log-1/history?type=MunicipalityJoined").blockLast(Duration.ofSeconds(10));
        state("/api/applications/log-1/state?asOfDate=2023-10-01");
        web.get()
                .uri("/api/applications/log-1/verify")
                .exchange()
                .expectStatus()
                .isOk();

        List<Document> records = database.getCollection(AccessLog.COLLECTION)
                .find(new Document("applicationId", "log-1"))
                .into(new ArrayList<>());
        assertThat(records)
                .extracting(r -> r.getString("action"))
                .containsExactlyInAnyOrder("history", "state", "verify");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getString("actorId")).isEqualTo("revisor");
            assertThat(r.getString("actorName")).isEqualTo("Rut Revisor");
            assertThat(r.getString("actorRole")).isEqualTo("AUDITOR");
            assertThat(r.getDate("at").toInstant()).isAfter(Instant.now().minusSeconds(60));
        });
        assertThat(records)
                .filteredOn(r -> r.getString("action").equals("history"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("parameters", Document.class).getList("type", String.class))
                        .containsExactly("MunicipalityJoined"));
        assertThat(records)
                .filteredOn(r -> r.getString("action").equals("state"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.get("parameters", Document.class)).containsEntry("asOfDate", "2023-10-01"));
        assertThat(eventLog.lastSequence("log-1")).hasValue(9);
    }

    @Test
    void givenSomeoneWhoIsNotAnAuditor_thenEveryAuditorToolIsForbidden_andNothingIsRecorded() {
        List<StoredEvent> stored = story("deny-1");
        String officer = TestTokens.officer("0191");
        String funder = TestTokens.token("lst", "Lars Länsstyrelse", "FUNDER_OFFICER", null);
        String operator = TestTokens.token("ops", "Olle Operator", "OPERATOR", null);

        for (String token : List.of(officer, funder, operator)) {
            for (String path : List.of(
                    "history",
                    "history/stream",
                    "state?asOf=2024-01-01T00:00:00Z",
                    "changes?from=2023-01-01T00:00:00Z&to=2024-01-01T00:00:00Z",
                    "verify",
                    "export")) {
                anonymous
                        .get()
                        .uri("/api/applications/deny-1/" + path)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectBody()
                        .jsonPath("$.code")
                        .isEqualTo("ROLE_NOT_ALLOWED");
            }
            for (String path : List.of("checkpoints", "verify")) {
                anonymous
                        .post()
                        .uri("/api/applications/deny-1/" + path)
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange()
                        .expectStatus()
                        .isForbidden();
            }
        }
        anonymous
                .get()
                .uri("/api/applications/deny-1/history")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // The membership view stays open to the owner's officers.
        CatchUp.get(
                        anonymous
                                .mutate()
                                .defaultHeaders(h -> h.setBearerAuth(officer))
                                .build(),
                        "/api/applications/deny-1/membership?minPosition="
                                + stored.get(9).position())
                .expectStatus()
                .isOk();
        assertThat(database.getCollection(AccessLog.COLLECTION).countDocuments(new Document("applicationId", "deny-1")))
                .isZero();
    }

    private Map<String, Object> state(String uri) {
        return web.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> membership(Map<String, Object> state, String code) {
        return list(state.get("memberships")).stream()
                .filter(m -> code.equals(m.get("municipality")))
                .findFirst()
                .orElseThrow();
    }
}
