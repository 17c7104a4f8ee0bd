package se.norrort.consortium.command.opening;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.CommandApiTestBase;
import se.norrort.consortium.command.web.OwnDatabaseApiTestBase;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.security.TestTokens;

/** At most norrort.quotas.applications-per-owner applications per owner municipality (3 here). */
@TestPropertySource(properties = {"norrort.quotas.applications-per-owner=3", "norrort.security.commands-per-minute=0"})
class ApplicationQuotaApiTest extends OwnDatabaseApiTestBase {

    @Autowired
    EventLog eventLog;

    private WebTestClient.ResponseSpec open(String id, String owner) {
        return open(id, owner, owner);
    }

    /** {@code officerOf}'s officer opens application {@code id} for {@code owner}. */
    private WebTestClient.ResponseSpec open(String id, String owner, String officerOf) {
        return web.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer(officerOf)))
                .bodyValue(CommandApiTestBase.openBody(id).replace("\"0191\"", "\"" + owner + "\""))
                .exchange();
    }

    private int events() {
        return eventLog.readAfter(LogPosition.START, 1000).size();
    }

    @Test
    void givenAnOwnerAtItsQuota_whenOpeningAnother_thenProblem409AndNothingStored_butRefusedOpensDoNotCount() {
        open("q-1", "0191").expectStatus().isCreated();
        // refused (not the owner's officer): releases its reservation
        open("q-refused", "0191", "0162").expectStatus().isForbidden();
        open("q-2", "0191").expectStatus().isCreated();
        open("q-3", "0191").expectStatus().isCreated();
        open("q-1", "0191").expectStatus().isEqualTo(409); // exists already: still counts once
        int before = events();

        expectProblem(open("q-4", "0191"), 409, "APPLICATION_LIMIT_REACHED")
                .jsonPath("$.title")
                .isEqualTo(ErrorCode.APPLICATION_LIMIT_REACHED.title())
                .jsonPath("$.detail")
                .isEqualTo("The municipality has opened 3 applications, the most allowed; nothing was stored.");
        assertThat(events()).isEqualTo(before);

        open("q-other-owner", "0162").expectStatus().isCreated();
    }
}
