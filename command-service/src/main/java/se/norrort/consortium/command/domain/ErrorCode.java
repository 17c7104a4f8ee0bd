package se.norrort.consortium.command.domain;

import static se.norrort.consortium.command.domain.ErrorCode.Category.CONFLICT;
import static se.norrort.consortium.command.domain.ErrorCode.Category.FORBIDDEN;
import static se.norrort.consortium.command.domain.ErrorCode.Category.INVALID;
import static se.norrort.consortium.command.domain.ErrorCode.Category.NOT_FOUND;

/**
 * The stable codes of the domain's refusals. The name is the stable code clients see (e.g. in the {@code code}
 * member of a problem document); never rename one. Each code has a {@link Category} that maps to an HTTP status and a
 * short default human title.
 */
public enum ErrorCode {

    // --- input that can never be right in this application (400)
    AMOUNT_INVALID(INVALID, "Invalid amount"),
    PERIOD_INVALID(INVALID, "Invalid project period"),
    JOINING_DEADLINE_INVALID(INVALID, "Invalid joining deadline"),
    NOT_CONSORTIUM_MUNICIPALITY(INVALID, "Not a Koordination Norrort municipality"),
    DECISION_REFERENCE_INVALID(INVALID, "Invalid decision reference"),
    MEETING_DATE_IN_FUTURE(INVALID, "Meeting date in the future"),
    DELEGATION_VALIDITY_INVALID(INVALID, "Invalid delegation validity"),
    BUDGET_YEAR_OUTSIDE_PERIOD(INVALID, "Budget year outside the project period"),
    DECISION_DATE_IN_FUTURE(INVALID, "Decision date in the future"),
    REPORT_DUE_DATES_INVALID(INVALID, "Invalid report due dates"),
    GRANT_EXCEEDS_APPLIED(INVALID, "Grant exceeds the applied amount"),

    // --- the actor may not do this (403)
    NOT_OFFICER_OF_MUNICIPALITY(FORBIDDEN, "Not an officer of that municipality"),
    NOT_PROJECT_OWNER(FORBIDDEN, "Not the project owner"),
    NOT_FUNDER(FORBIDDEN, "Not the funder"),
    NOT_THE_DELEGATE(FORBIDDEN, "Not the delegate"),
    ROLE_NOT_ALLOWED(FORBIDDEN, "Role not allowed"),
    SELF_DELEGATION_NOT_ALLOWED(FORBIDDEN, "Self-delegation not allowed"),
    NOT_SIGNATORY_OF_MUNICIPALITY(FORBIDDEN, "Not a signatory of that municipality"),

    // --- something named does not exist (404)
    DELEGATION_NOT_FOUND(NOT_FOUND, "Delegation not found"),
    DOCUMENT_NOT_FOUND(NOT_FOUND, "Document not found"),

    // --- not now, or not in this state (409)
    VERSION_CONFLICT(CONFLICT, "The application has changed"),
    MUNICIPALITY_NOT_INVITED(CONFLICT, "Municipality not invited"),
    MUNICIPALITY_ALREADY_INVITED(CONFLICT, "Municipality already invited"),
    MUNICIPALITY_ALREADY_JOINED(CONFLICT, "Municipality already joined"),
    MUNICIPALITY_ALREADY_DECLINED(CONFLICT, "Municipality already declined"),
    MUNICIPALITY_NOT_JOINED(CONFLICT, "Municipality has not joined"),
    MUNICIPALITY_NOT_PARTICIPATING(CONFLICT, "Municipality does not take part"),
    JOINING_DEADLINE_PASSED(CONFLICT, "Joining deadline passed"),
    APPLICATION_NOT_OPEN(CONFLICT, "Application already submitted"),
    DECISION_REFERENCE_MISMATCH(CONFLICT, "Decision reference does not match"),
    DELEGATION_ALREADY_EXISTS(CONFLICT, "Delegation already exists"),
    DELEGATION_REQUIRED(CONFLICT, "Delegation required"),
    DELEGATION_REVOKED(CONFLICT, "Delegation revoked"),
    DELEGATION_EXPIRED(CONFLICT, "Delegation expired"),
    DELEGATION_NOT_YET_IN_EFFECT(CONFLICT, "Delegation not yet in effect"),
    ALREADY_SIGNED(CONFLICT, "Cooperation form already signed"),
    DOCUMENT_ALREADY_ATTACHED(CONFLICT, "Document already attached"),
    OWNER_NOT_JOINED(CONFLICT, "Project owner has not joined"),
    TOO_FEW_PARTICIPANTS(CONFLICT, "Too few participants"),
    NOT_ALL_SIGNED(CONFLICT, "Not every participant has signed"),
    APPLICATION_NOT_SUBMITTED(CONFLICT, "Application not submitted"),
    WRONG_STEP_ORDER(CONFLICT, "Step out of order"),
    REPORT_ALREADY_SUBMITTED(CONFLICT, "Report already submitted"),
    REQUISITION_EXCEEDS_GRANT(CONFLICT, "Requisition exceeds the grant"),
    REPAYMENT_EXCEEDS_REQUISITIONED(CONFLICT, "Repayment exceeds the funds paid out"),
    APPLICATION_CLOSED(CONFLICT, "Application closed"),
    QUOTA_EXCEEDED(CONFLICT, "Quota exceeded");

    private final Category category;
    private final String title;

    ErrorCode(Category category, String title) {
        this.category = category;
        this.title = title;
    }

    public Category category() {
        return category;
    }

    /** A short human title, e.g. for the {@code title} of a problem document. */
    public String title() {
        return title;
    }

    /** Kinds of refusal, each with the HTTP status it is answered with. */
    public enum Category {
        /** The input can never be right here. */
        INVALID(400),
        /** The actor may not do this. */
        FORBIDDEN(403),
        /** Something the command names does not exist. */
        NOT_FOUND(404),
        /** Not in the application's current state, or in conflict with it. */
        CONFLICT(409);

        private final int httpStatus;

        Category(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
