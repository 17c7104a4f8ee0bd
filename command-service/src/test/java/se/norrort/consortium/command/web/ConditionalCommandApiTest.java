package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.StoredEvent;

/** {@code If-Match} makes a command conditional on the version its sender saw (API.md). */
class ConditionalCommandApiTest extends CommandApiTestBase {

    @Test
    void givenTheVersionTheSenderSaw_whenSendingWithIfMatch_thenTheCommandIsDecided() {
        post("/api/applications", "0191")
                .bodyValue(openBody("im-ok"))
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"0\"");

        post("/api/applications/im-ok/municipalities/0162/join", "0162")
                .header("If-Match", "\"0\"")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
        post("/api/applications/im-ok/municipalities/0160/join", "0160")
                .header("If-Match", "*")
                .bodyValue(joinBody("0160"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("ETag", "\"2\"");

        assertThat(eventLog.readStream("im-ok", 0, 10))
                .extracting(StoredEvent::payloadType)
                .containsExactly("ApplicationOpened", "MunicipalityJoined", "MunicipalityJoined");
    }

    @Test
    void givenSomethingRecordedSinceTheSenderRead_whenSendingWithIfMatch_thenProblem409AndNothingIsStored() {
        open("im-stale");
        join("im-stale", "0162");
        int before = allEvents().size();

        // Täby read the application at version 0 and joins on what it saw then.
        expectProblem(
                        post("/api/applications/im-stale/municipalities/0160/join", "0160")
                                .header("If-Match", "\"0\"")
                                .bodyValue(joinBody("0160"))
                                .exchange(),
                        409,
                        "VERSION_CONFLICT")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("version 1"));
        // A version not reached yet is no better.
        post("/api/applications/im-stale/municipalities/0160/join", "0160")
                .header("If-Match", "\"7\"")
                .bodyValue(joinBody("0160"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VERSION_CONFLICT");

        assertThat(allEvents()).hasSize(before);
    }

    @Test
    void givenAMalformedIfMatch_thenProblem400AndNothingIsStored() {
        open("im-bad");
        int before = allEvents().size();

        for (String ifMatch : new String[] {"0", "W/\"0\"", "\"zero\"", "\"0\", \"1\"", "\"-1\""}) {
            post("/api/applications/im-bad/municipalities/0162/join", "0162")
                    .header("If-Match", ifMatch)
                    .bodyValue(joinBody("0162"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("INVALID_REQUEST");
        }
        post("/api/applications", "0191")
                .header("If-Match", "\"0\"")
                .bodyValue(openBody("im-open"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");

        assertThat(allEvents()).hasSize(before);
    }
}
