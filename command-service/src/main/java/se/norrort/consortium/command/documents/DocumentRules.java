package se.norrort.consortium.command.documents;

import static se.norrort.consortium.command.domain.CommonRules.refuse;

import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

/**
 * Attaching documents: the funder's officers attach to any application; a municipality officer attaches for an
 * invited municipality of their own, or for the whole application as the project owner; ids are unique and an
 * application holds at most {@value #MAX_DOCUMENTS} documents.
 */
public final class DocumentRules {

    /** At most this many documents per application (doc/security.md). */
    public static final int MAX_DOCUMENTS = 100;

    private DocumentRules() {}

    public static void checkAttach(ApplicationState state, AttachDocument command) {
        CommonRules.notClosed(state);
        mayAttach(state, command.actor(), command.municipality());
        newDocument(state, command.documentId());
        CommonRules.quota(
                ErrorCode.DOCUMENT_LIMIT_REACHED,
                state.documents().size(),
                MAX_DOCUMENTS,
                "documents attached to one application");
    }

    static void mayAttach(ApplicationState state, Actor actor, MunicipalityCode municipality) {
        if (actor.role() == Role.FUNDER_OFFICER) {
            return;
        }
        if (actor.role() != Role.MUNICIPALITY_OFFICER) {
            throw refuse(
                    ErrorCode.ROLE_NOT_ALLOWED,
                    "Only municipality officers and the funder's officers may attach documents.");
        }
        if (municipality == null) {
            CommonRules.projectOwner(state, actor);
        } else {
            CommonRules.officerOf(actor, municipality);
            CommonRules.invited(state, municipality);
        }
    }

    static void newDocument(ApplicationState state, DocumentId documentId) {
        if (state.hasDocument(documentId)) {
            throw refuse(
                    ErrorCode.DOCUMENT_ALREADY_ATTACHED, "A document with id " + documentId + " is already attached.");
        }
    }
}
