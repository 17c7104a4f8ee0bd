package se.norrort.consortium.command.domain;

import static se.norrort.consortium.command.domain.ErrorCode.Category.CONFLICT;
import static se.norrort.consortium.command.domain.ErrorCode.Category.FORBIDDEN;
import static se.norrort.consortium.command.domain.ErrorCode.Category.INVALID;
import static se.norrort.consortium.command.domain.ErrorCode.Category.NOT_FOUND;

/**
 * The stable codes of the domain's refusals, one per distinct refusal. The name is the stable code clients see (e.g.
 * in the {@code code} member of a problem document); never rename one (a code whose meaning splits gets new codes
 * and is retired, listed in doc/error-codes.md). Each code has a {@link Category} (what kind of refusal it is) and a
 * short default human title. Which HTTP status a category is answered with is decided at the edge
 * ({@code command.web.RefusalStatus}), not here.
 */
public enum ErrorCode {

    // --- input that can never be right in this application
    AMOUNT_INVALID(INVALID, "Invalid amount"),
    PERIOD_INVALID(INVALID, "Invalid project period"),
    JOINING_DEADLINE_INVALID(INVALID, "Invalid joining deadline"),
    NOT_CONSORTIUM_MUNICIPALITY(INVALID, "Not a Koordination Norrort municipality"),
    DECISION_REFERENCE_INVALID(INVALID, "Invalid decision reference"),
    DECISION_REFERENCE_UNCHANGED(INVALID, "Nothing to correct"),
    MEETING_DATE_IN_FUTURE(INVALID, "Meeting date in the future"),
    DELEGATION_VALIDITY_INVALID(INVALID, "Invalid delegation validity"),
    BUDGET_YEAR_OUTSIDE_PERIOD(INVALID, "Budget year outside the project period"),
    DECISION_DATE_IN_FUTURE(INVALID, "Decision date in the future"),
    REPORT_DUE_DATES_INVALID(INVALID, "Invalid report due dates"),
    GRANT_EXCEEDS_APPLIED(INVALID, "Grant exceeds the applied amount"),

    // --- the actor may not do this
    NOT_OFFICER_OF_MUNICIPALITY(FORBIDDEN, "Not an officer of that municipality"),
    NOT_PROJECT_OWNER(FORBIDDEN, "Not the project owner"),
    NOT_FUNDER(FORBIDDEN, "Not the funder"),
    NOT_THE_DELEGATE(FORBIDDEN, "Not the delegate"),
    /** Also the security filter's 403 for an endpoint the role may not call (same code, same title). */
    ROLE_NOT_ALLOWED(FORBIDDEN, "Role not allowed"),
    SELF_DELEGATION_NOT_ALLOWED(FORBIDDEN, "Self-delegation not allowed"),
    NOT_SIGNATORY_OF_MUNICIPALITY(FORBIDDEN, "Not a signatory of that municipality"),

    // --- something named does not exist
    DELEGATION_NOT_FOUND(NOT_FOUND, "Delegation not found"),
    DOCUMENT_NOT_FOUND(NOT_FOUND, "Document not found"),

    // --- not now, or not in this state
    VERSION_CONFLICT(CONFLICT, "The application has changed"),
    MUNICIPALITY_NOT_INVITED(CONFLICT, "Municipality not invited"),
    MUNICIPALITY_WITHDREW(CONFLICT, "Municipality has withdrawn"),
    MUNICIPALITY_ALREADY_INVITED(CONFLICT, "Municipality already invited"),
    MUNICIPALITY_ALREADY_JOINED(CONFLICT, "Municipality already joined"),
    MUNICIPALITY_ALREADY_DECLINED(CONFLICT, "Municipality already declined"),
    MUNICIPALITY_NOT_JOINED(CONFLICT, "Municipality has not joined"),
    MUNICIPALITY_NOT_PARTICIPATING(CONFLICT, "Municipality does not take part"),
    JOINING_DEADLINE_PASSED(CONFLICT, "Joining deadline passed"),
    APPLICATION_ALREADY_SUBMITTED(CONFLICT, "Application already submitted"),
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
    FUNDING_ALREADY_DECIDED(CONFLICT, "The funder has already decided"),
    FUNDS_NOT_GRANTED(CONFLICT, "Funds not granted"),
    REPORT_NOT_REQUIRED(CONFLICT, "Report not required"),
    REPORT_ALREADY_SUBMITTED(CONFLICT, "Report already submitted"),
    INTERIM_REPORT_MISSING(CONFLICT, "Interim report not yet submitted"),
    REQUISITION_AFTER_FINAL_REPORT(CONFLICT, "Final report already submitted"),
    REPAYMENT_NOT_DUE(CONFLICT, "Repayment not due"),
    REQUISITION_EXCEEDS_GRANT(CONFLICT, "Requisition exceeds the grant"),
    REPAYMENT_EXCEEDS_REQUISITIONED(CONFLICT, "Repayment exceeds the funds paid out"),
    APPLICATION_NOT_CLOSABLE(CONFLICT, "Application cannot be closed yet"),
    APPLICATION_CLOSED(CONFLICT, "Application closed"),

    // --- limits on how much may be recorded (each limit its own code; QUOTA_EXCEEDED covered all three, retired)
    APPLICATION_LIMIT_REACHED(CONFLICT, "Application limit of the owner municipality reached"),
    DOCUMENT_LIMIT_REACHED(CONFLICT, "Document limit of the application reached"),
    DELEGATION_LIMIT_REACHED(CONFLICT, "Delegation limit of the municipality reached");

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

    /** Kinds of refusal. */
    public enum Category {
        /** The input can never be right here. */
        INVALID,
        /** The actor may not do this. */
        FORBIDDEN,
        /** Something the command names does not exist. */
        NOT_FOUND,
        /** Not in the application's current state, or in conflict with it. */
        CONFLICT
    }
}
