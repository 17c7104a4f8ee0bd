package se.norrort.consortium.command.documents;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.AUDITOR;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.FUNDER;
import static se.norrort.consortium.command.aggregate.Story.STOCKHOLM;
import static se.norrort.consortium.command.aggregate.Story.attach;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.attached;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class DocumentRulesTest {

    @Test
    void givenAnOpenApplication_whenTheFunderAttachesADocument_thenNothingIsRefused() {
        ApplicationState state = given(opened());

        assertThatCode(() -> DocumentRules.checkAttach(state, attach("beslut", DocumentKind.OTHER, null, FUNDER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenAnOpenApplication_whenAnAuditorAttaches_thenTheRoleIsNotAllowed() {
        ApplicationState state = given(opened());

        assertRefused(
                ErrorCode.ROLE_NOT_ALLOWED,
                () -> DocumentRules.checkAttach(state, attach("beslut", DocumentKind.OTHER, null, AUDITOR)));
    }

    @Test
    void givenAnAttachedDocument_whenTheSameIdIsAttachedAgain_thenItIsAlreadyAttached() {
        ApplicationState state = given(opened(), attached(opened().applicationId(), "beslut"));

        assertRefused(
                ErrorCode.DOCUMENT_ALREADY_ATTACHED,
                () -> DocumentRules.checkAttach(state, attach("beslut", DocumentKind.OTHER, null, FUNDER)));
    }

    @Test
    void givenAMunicipalityNotInvited_whenItsOfficerAttachesForIt_thenItIsNotInvited() {
        ApplicationState state = given(opened(List.of(DANDERYD)));

        assertRefused(
                ErrorCode.MUNICIPALITY_NOT_INVITED,
                () -> DocumentRules.checkAttach(
                        state, attach("beslut", DocumentKind.OTHER, STOCKHOLM, officer(STOCKHOLM))));
    }
}
