package se.norrort.consortium.command.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.command.web.CommandApiTestBase;

/** Joining over HTTP: the refusals (a second join, another municipality's officer, an unknown application). */
class JoinApiTest extends CommandApiTestBase {

    @Test
    void givenAJoinedMunicipality_whenItJoinsAgain_thenProblem409AndNothingIsStored() {
        open("app-twice");
        join("app-twice", "0160");
        int before = allEvents().size();

        expectProblem(
                        post("/api/applications/app-twice/municipalities/0160/join", "0160")
                                .bodyValue(joinBody("0160"))
                                .exchange(),
                        409,
                        "MUNICIPALITY_ALREADY_JOINED")
                .jsonPath("$.title")
                .isNotEmpty()
                .jsonPath("$.detail")
                .isNotEmpty();

        assertThat(allEvents()).hasSize(before);
    }

    @Test
    void givenAnOfficerOfAnotherMunicipality_whenJoiningForDanderyd_thenProblem403AndNothingIsStored() {
        open("app-other");
        int before = allEvents().size();

        post("/api/applications/app-other/municipalities/0162/join", "0160")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_OFFICER_OF_MUNICIPALITY");

        assertThat(allEvents()).hasSize(before);
    }

    @Test
    void givenAnUnknownApplication_whenJoining_thenProblem404() {
        post("/api/applications/no-such-app/municipalities/0162/join", "0162")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
    }
}
