package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.decision;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.submitted;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.query.audittrail.AuditTrailProjection;
import se.norrort.consortium.query.funder.FunderApplicationsProjection;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.query.municipality.MunicipalityEntries;
import se.norrort.consortium.query.municipality.MunicipalityProjection;
import se.norrort.consortium.query.projection.Provenance;

/**
 * Field-level provenance over HTTP on the seed story: from "Danderyd (0162): signed" to the signature event and the
 * delegation behind it, from a joined municipality's decision to the join and its correction, in every view; and no
 * served view shows the provenance it carries.
 */
class ProvenanceApiTest extends QueryApiTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    private static final String ID = "norrort-gemensam-resurs";
    private static final String DELEGATION = "danderyd-socialdirektor";

    private static final Map<String, Object> ANNA = Map.of(
            "actorId",
            "sigtuna.officer",
            "actorName",
            "Anna Andersson",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0191");
    private static final Map<String, Object> LINA = Map.of(
            "actorId", "danderyd.officer",
            "actorName", "Lina Rönnerblad",
            "actorRole", "MUNICIPALITY_OFFICER",
            "actorMunicipality", "0162");
    private static final Map<String, Object> BRITT_MARIE = Map.of(
            "actorId", "danderyd-socialdirektor",
            "actorName", "Britt-Marie Ekström",
            "actorRole", "SIGNATORY",
            "actorMunicipality", "0162",
            "delegationId", DELEGATION);
    private static final Map<String, Object> LARS =
            Map.of("actorId", "lansstyrelsen", "actorName", "Lars Länsman", "actorRole", "FUNDER_OFFICER");

    /** The story's stored events by sequence, once appended (the test classes share one store). */
    private static List<StoredEvent> story;

    @Autowired
    MongoDatabase viewDatabase;

    /**
     * Sigtuna opens and invites all 15; Danderyd and Sigtuna join; Danderyd's Socialnämnden delegates the signing to
     * Britt-Marie Ekström, who signs under that delegation; Sigtuna submits; the County Board grants.
     */
    private synchronized List<StoredEvent> story() {
        if (story == null) {
            ApplicationId application = new ApplicationId(ID);
            MunicipalityCode danderyd = new MunicipalityCode("0162");
            appendAs(0, ANNA, opened(ID));
            appendAs(1, LINA, joined(ID, "0162"));
            appendAs(2, ANNA, joined(ID, "0191"));
            appendAs(
                    3,
                    LINA,
                    new SignatureDelegated(
                            application,
                            new DelegationId(DELEGATION),
                            danderyd,
                            decision("0162", "§ 45"),
                            new PersonId("danderyd-socialdirektor"),
                            "Britt-Marie Ekström",
                            "socialdirektör",
                            "Underteckna samverkansblankett",
                            null));
            appendAs(
                    4,
                    BRITT_MARIE,
                    new CooperationFormSigned(
                            application,
                            danderyd,
                            new PersonId("danderyd-socialdirektor"),
                            "Britt-Marie Ekström",
                            "socialdirektör",
                            new DelegationId(DELEGATION)));
            appendAs(5, ANNA, submitted(ID, "0162", "0191"));
            appendAs(6, LARS, granted(ID));
            story = eventLog.readStream(ID, 0, 100);
        }
        return story;
    }

    private long last() {
        return story().get(story().size() - 1).position();
    }

    @Test
    void givenDanderydSigned_whenAskingWhoSetItsSignedField_thenTheSignatureEventAndTheDelegationBehindItAnswer() {
        StoredEvent delegatedEvent = story().get(3);
        StoredEvent signedEvent = story().get(4);

        Map<String, Object> answer = provenance("/api/applications/" + ID + "/membership/provenance"
                + "?field=members[0162].signed&minPosition=" + last());

        assertThat(answer).containsEntry("view", "membership").containsEntry("id", ID);
        assertThat(((Number) answer.get("position")).longValue()).isEqualTo(last());
        Map<String, Object> signed = single(answer, "members[0162].signed");
        assertThat(signed).containsEntry("value", true);
        assertThat(setBy(signed))
                .extracting(r -> r.get("type"))
                .containsExactly("ApplicationOpened", "CooperationFormSigned");
        Map<String, Object> signature = setBy(signed).get(1);
        assertThat(signature)
                .containsEntry("eventId", signedEvent.eventId())
                .containsEntry("applicationId", ID)
                .containsEntry("sequence", 4)
                .containsEntry("time", millis(signedEvent))
                .containsEntry("delegationId", DELEGATION)
                .containsEntry("decision", null);
        assertThat(((Number) signature.get("position")).longValue()).isEqualTo(signedEvent.position());
        assertThat(map(signature.get("actor")))
                .containsEntry("id", "danderyd-socialdirektor")
                .containsEntry("name", "Britt-Marie Ekström")
                .containsEntry("role", "SIGNATORY")
                .containsEntry("municipality", "0162");

        Map<String, Object> delegation = map(signature.get("delegation"));
        assertThat(delegation).containsEntry("delegationId", DELEGATION);
        Map<String, Object> grantedBy = map(delegation.get("grantedBy"));
        assertThat(grantedBy)
                .containsEntry("type", "SignatureDelegated")
                .containsEntry("eventId", delegatedEvent.eventId())
                .containsEntry("sequence", 3)
                .containsEntry("delegationId", null);
        assertThat(((Number) grantedBy.get("position")).longValue()).isEqualTo(delegatedEvent.position());
        assertThat(grantedBy).containsEntry("time", millis(delegatedEvent));
        assertThat(map(grantedBy.get("actor"))).containsEntry("name", "Lina Rönnerblad");
        assertThat(map(grantedBy.get("decision")))
                .containsEntry("body", "Socialnämnden")
                .containsEntry("paragraph", "§ 45")
                .containsEntry("meetingDate", "2023-09-12")
                .containsEntry("municipality", "0162");
        assertThat(setBy(signed).get(0)).doesNotContainKey("delegation");
    }

    @Test
    void givenAPrefix_thenEveryFieldUnderItAnswers() {
        Map<String, Object> answer = provenance(
                "/api/applications/" + ID + "/membership/provenance" + "?field=members[0162]&minPosition=" + last());

        assertThat(list(answer.get("fields")))
                .extracting(f -> f.get("field"))
                .contains(
                        "members[0162].status",
                        "members[0162].signed",
                        "members[0162].decision.paragraph",
                        "members[0162].signatory")
                .allSatisfy(f -> assertThat((String) f).startsWith("members[0162]."));
        assertThat(list(answer.get("fields")))
                .allSatisfy(f -> assertThat(setBy(f)).isNotEmpty());

        Map<String, Object> whole =
                provenance("/api/applications/" + ID + "/membership/provenance?minPosition=" + last());
        assertThat(list(whole.get("fields")))
                .extracting(f -> f.get("field"))
                .contains("summary", "counts.signed", "members[0191].status", "status")
                .doesNotContain("_id", Provenance.FIELD);
        Map<String, Object> summary = field(whole, "summary");
        assertThat(summary).containsEntry("value", "2 of 15 joined, 1 signed");
        assertThat(setBy(summary))
                .extracting(r -> r.get("type"))
                .containsExactly(
                        "ApplicationOpened", "MunicipalityJoined", "MunicipalityJoined", "CooperationFormSigned");
    }

    @Test
    void givenAJoin_thenItsDecisionNamesTheJoinsDecision_andAfterACorrectionBothEvents() {
        String id = "prov-correction";
        appendAs(0, ANNA, opened(id));
        long joinedAt = appendAs(1, LINA, joined(id, "0162"));

        Map<String, Object> before = provenance("/api/applications/" + id + "/membership/provenance"
                + "?field=members[0162].decision&minPosition=" + joinedAt);
        assertThat(list(before.get("fields")))
                .extracting(f -> f.get("field"))
                .contains("members[0162].decision.body", "members[0162].decision.paragraph");
        assertThat(list(before.get("fields"))).allSatisfy(f -> {
            assertThat(setBy(f)).singleElement().satisfies(ref -> {
                assertThat(ref).containsEntry("type", "MunicipalityJoined");
                assertThat(((Number) ref.get("position")).longValue()).isEqualTo(joinedAt);
                assertThat(map(ref.get("decision")))
                        .containsEntry("paragraph", "§ 45")
                        .containsEntry("body", "Socialnämnden");
            });
        });

        long correctedAt = appendAs(2, LINA, corrected(id, "0162", "§ 45", "§ 46"));
        Map<String, Object> after = provenance("/api/applications/" + id + "/membership/provenance"
                + "?field=members[0162].decision.paragraph&minPosition="
                + correctedAt);
        Map<String, Object> paragraph = single(after, "members[0162].decision.paragraph");
        assertThat(paragraph).containsEntry("value", "§ 46");
        assertThat(setBy(paragraph))
                .extracting(r -> r.get("type"))
                .containsExactly("MunicipalityJoined", "DecisionReferenceCorrected");
        assertThat(setBy(paragraph))
                .extracting(r -> map(r.get("decision")).get("paragraph"))
                .containsExactly("§ 45", "§ 46");
        assertThat(((Number) setBy(paragraph).get(1).get("position")).longValue())
                .isEqualTo(correctedAt);

        Map<String, Object> municipality = provenance("/api/municipalities/0162/provenance?field=applications[" + id
                + "].decision.paragraph&minPosition=" + correctedAt);
        assertThat(setBy(single(municipality, "applications[" + id + "].decision.paragraph")))
                .extracting(r -> r.get("type"))
                .containsExactly("MunicipalityJoined", "DecisionReferenceCorrected");
    }

    @Test
    void givenDanderydSigned_whenAskingItsMunicipalityView_thenTheSignatureDelegationAndGrantAnswer() {
        StoredEvent delegatedEvent = story().get(3);
        String entry = "applications[" + ID + "]";

        Map<String, Object> answer =
                provenance("/api/municipalities/0162/provenance?field=" + entry + "&minPosition=" + last());

        assertThat(answer).containsEntry("view", "municipality").containsEntry("id", "0162");
        Map<String, Object> signed = field(answer, entry + ".signed");
        assertThat(signed).containsEntry("value", true);
        Map<String, Object> signature = setBy(signed).get(setBy(signed).size() - 1);
        assertThat(signature)
                .containsEntry("type", "CooperationFormSigned")
                .containsEntry("eventId", story().get(4).eventId());
        assertThat(map(map(signature.get("delegation")).get("grantedBy")))
                .containsEntry("eventId", delegatedEvent.eventId());
        Map<String, Object> status = field(answer, entry + ".delegations[" + DELEGATION + "].status");
        assertThat(status).containsEntry("value", "ACTIVE");
        assertThat(setBy(status))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("eventId", delegatedEvent.eventId()));
        assertThat(setBy(field(answer, entry + ".granted.amountSek")))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("type", "AwardGranted"));

        web.get()
                .uri("/api/municipalities/0998/provenance")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MUNICIPALITY_NOT_FOUND");
        web.get()
                .uri("/api/municipalities/162/provenance")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_MUNICIPALITY_CODE");
    }

    @Test
    void givenAGrant_whenAskingTheFundersEntry_thenTheGrantAndTheSubmissionAnswer() {
        Map<String, Object> answer =
                provenance("/api/applications/" + ID + "/funder-entry/provenance?minPosition=" + last());

        assertThat(answer).containsEntry("view", "funder-applications").containsEntry("id", ID);
        Map<String, Object> granted = field(answer, "grantedAmountSek");
        assertThat(granted).containsEntry("value", 3_200_000);
        assertThat(setBy(granted)).singleElement().satisfies(r -> {
            assertThat(r)
                    .containsEntry("type", "AwardGranted")
                    .containsEntry("eventId", story().get(6).eventId());
            assertThat(map(r.get("actor")))
                    .containsEntry("role", "FUNDER_OFFICER")
                    .containsEntry("name", "Lars Länsman");
        });
        assertThat(setBy(field(answer, "status")))
                .extracting(r -> r.get("type"))
                .containsExactly("ApplicationOpened", "ApplicationSubmitted", "AwardGranted");
        assertThat(setBy(field(answer, "members[0162].signed")))
                .extracting(r -> r.get("type"))
                .containsExactly("ApplicationOpened", "CooperationFormSigned");
        assertThat(list(provenance("/api/applications/" + ID + "/funder-entry/provenance?field=reports[INTERIM]")
                        .get("fields")))
                .extracting(f -> f.get("field"))
                .contains("reports[INTERIM].dueDate", "reports[INTERIM].submitted");

        long prepared = appendAs(0, ANNA, opened("prov-prepared"));
        CatchUp.get(web, "/api/applications/prov-prepared/membership?minPosition=" + prepared)
                .expectStatus()
                .isOk();
        CatchUp.get(web, "/api/applications/prov-prepared/funder-entry/provenance?minPosition=" + prepared)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
    }

    @Test
    void givenTheTrail_thenEachEntryIsItsOwnProvenance_andTheTrailsOwnFieldsNameTheirEvents() {
        Map<String, Object> page = CatchUp.get(web, "/api/applications/" + ID + "/audit-trail?minPosition=" + last())
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> entries = list(page.get("entries"));
        assertThat(entries).hasSize(story().size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i)).containsEntry("eventId", story().get(i).eventId());
            assertThat(((Number) entries.get(i).get("position")).longValue())
                    .isEqualTo(story().get(i).position());
        }

        Map<String, Object> answer =
                provenance("/api/applications/" + ID + "/audit-trail/provenance?minPosition=" + last());

        assertThat(answer).containsEntry("view", "audit-trail");
        Map<String, Object> count = field(answer, "count");
        assertThat(count).containsEntry("value", story().size());
        assertThat(setBy(count))
                .extracting(r -> r.get("eventId"))
                .containsExactlyElementsOf(
                        story().stream().map(StoredEvent::eventId).toList());
        List<Map<String, Object>> lastEventType = setBy(field(answer, "lastEventType"));
        assertThat(lastEventType.get(lastEventType.size() - 1)).containsEntry("type", "AwardGranted");
    }

    @Test
    void givenAnUnknownFieldOrDocument_thenNotFoundProblems() {
        last();
        CatchUp.get(
                        web,
                        "/api/applications/" + ID + "/membership/provenance?field=members[9999].signed&minPosition="
                                + last())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FIELD_NOT_FOUND")
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.type")
                .isEqualTo("https://norrort.example/problems/field-not-found");
        web.get()
                .uri("/api/applications/" + ID + "/membership/provenance?field=members[0162].sign")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FIELD_NOT_FOUND");
        web.get()
                .uri("/api/municipalities/0162/provenance?field=nothing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FIELD_NOT_FOUND");
        web.get()
                .uri("/api/applications/" + ID + "/funder-entry/provenance?field=nothing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FIELD_NOT_FOUND");
        web.get()
                .uri("/api/applications/" + ID + "/audit-trail/provenance?field=nothing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FIELD_NOT_FOUND");
        for (String path : List.of("membership", "funder-entry", "audit-trail")) {
            web.get()
                    .uri("/api/applications/no-such-application/" + path + "/provenance")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("APPLICATION_NOT_FOUND");
        }
    }

    @Test
    void givenViewsCarryingProvenance_whenServedAsJsonOrStreams_thenNoneShowsIt() {
        long last = last();
        for (String uri : List.of(
                "/api/applications/" + ID + "/membership?minPosition=" + last,
                "/api/municipalities/0162?minPosition=" + last,
                "/api/applications?page=0&size=100&minPosition=" + last,
                "/api/applications/" + ID + "/audit-trail?minPosition=" + last)) {
            assertThat(CatchUp.get(web, uri)
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .as(uri)
                    .contains("\"position\"")
                    .doesNotContain(Provenance.FIELD);
        }
        for (String collection : List.of(
                MembershipProjection.COLLECTION,
                FunderApplicationsProjection.COLLECTION,
                AuditTrailProjection.HEADERS)) {
            assertThat(stored(collection, ID)).as("stored in %s", collection).containsKey(Provenance.FIELD);
        }
        assertThat(stored(MunicipalityProjection.COLLECTION, MunicipalityEntries.id("0162", ID)))
                .containsKey(Provenance.FIELD);
        for (String uri : List.of(
                "/api/applications/" + ID + "/membership/stream",
                "/api/municipalities/0162/stream",
                "/api/applications/stream",
                "/api/applications/" + ID + "/audit-trail/stream")) {
            StepVerifier.create(stream(uri, 0L))
                    .assertNext(data ->
                            assertThat(data).as(uri).contains("\"position\"").doesNotContain(Provenance.FIELD))
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }

        long opened = appendAs(0, ANNA, opened("prov-live"));
        CatchUp.get(web, "/api/applications/prov-live/membership?minPosition=" + opened)
                .expectStatus()
                .isOk();
        StepVerifier.create(stream("/api/applications/prov-live/membership", opened))
                .expectSubscription()
                .then(() -> appendAs(1, LINA, joined("prov-live", "0162")))
                .assertNext(data -> assertThat(data).contains("1 of 15 joined").doesNotContain(Provenance.FIELD))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void givenTheOpenApiDocument_thenEveryProvenanceEndpointIsDescribedWithItsFieldParameter() {
        Map<String, Object> document = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        Map<String, Object> paths = map(document.get("paths"));
        for (String path : List.of(
                "/api/applications/{applicationId}/membership/provenance",
                "/api/municipalities/{code}/provenance",
                "/api/applications/{applicationId}/funder-entry/provenance",
                "/api/applications/{applicationId}/audit-trail/provenance")) {
            assertThat(paths).as(path).containsKey(path);
            Map<String, Object> get = map(map(paths.get(path)).get("get"));
            assertThat((String) get.get("summary")).as(path).startsWith("Provenance of");
            assertThat(list(get.get("parameters")))
                    .as(path)
                    .extracting(p -> p.get("name"))
                    .contains("field", "minPosition");
        }
    }

    /** The time of a stored event as references give it: to the millisecond. */
    private static String millis(StoredEvent event) {
        return event.timestamp().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private Flux<String> stream(String uri, Long lastEventId) {
        return web.get()
                .uri(uri)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", Long.toString(lastEventId))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.data() != null)
                .map(ServerSentEvent::data);
    }

    private Document stored(String collection, String id) {
        return Mono.from(viewDatabase
                        .getCollection(collection)
                        .find(Filters.eq("_id", id))
                        .first())
                .block(Duration.ofSeconds(10));
    }

    private Map<String, Object> provenance(String uri) {
        return CatchUp.get(web, uri)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** The answer has exactly this one field. */
    private static Map<String, Object> single(Map<String, Object> answer, String path) {
        assertThat(list(answer.get("fields"))).extracting(f -> f.get("field")).containsExactly(path);
        return list(answer.get("fields")).get(0);
    }

    private static Map<String, Object> field(Map<String, Object> answer, String path) {
        return list(answer.get("fields")).stream()
                .filter(f -> path.equals(f.get("field")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field " + path + " in " + answer));
    }

    private static List<Map<String, Object>> setBy(Map<String, Object> field) {
        return list(field.get("setBy"));
    }
}
