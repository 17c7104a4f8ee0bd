package se.norrort.consortium.query.projection;

import java.util.stream.Collectors;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.FinalReportSubmitted;
import se.norrort.consortium.api.events.FundsRequisitioned;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.RepaymentClaimed;
import se.norrort.consortium.api.events.ReportOverdue;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;

/**
 * What an event says in words and which municipality it is about: the audit trail's entries and the auditor's
 * history both show them, so they are written once, here.
 */
public final class EventSummaries {

    private EventSummaries() {}

    /** The municipality the event is about, if it is about one. */
    public static MunicipalityCode municipality(ConsortiumEvent event) {
        if (event instanceof ApplicationOpened e) {
            return e.ownerMunicipality();
        } else if (event instanceof MunicipalityInvited e) {
            return e.municipality();
        } else if (event instanceof MunicipalityJoined e) {
            return e.municipality();
        } else if (event instanceof ParticipationDeclined e) {
            return e.municipality();
        } else if (event instanceof MunicipalityWithdrew e) {
            return e.municipality();
        } else if (event instanceof DecisionReferenceCorrected e) {
            return e.municipality();
        } else if (event instanceof SignatureDelegated e) {
            return e.municipality();
        } else if (event instanceof SignatureDelegationRevoked e) {
            return e.municipality();
        } else if (event instanceof CooperationFormSigned e) {
            return e.municipality();
        } else if (event instanceof BudgetLineSet e) {
            return e.municipality();
        } else if (event instanceof DocumentAttached e) {
            return e.municipality();
        }
        return null;
    }

    /** What happened, in one English sentence people can read. */
    public static String summary(ConsortiumEvent event) {
        if (event instanceof ApplicationOpened e) {
            return ViewFields.label(e.ownerMunicipality()) + " opened the application \"" + e.title() + "\" to "
                    + e.funderName()
                    + (e.legalBasis() == null
                            ? ""
                            : " under " + legalBasis(e.legalBasis().name()))
                    + ", applying for " + ViewFields.sek(e.appliedAmountSek())
                    + (e.periodStart() == null || e.periodEnd() == null
                            ? ""
                            : " for the period " + e.periodStart() + " to " + e.periodEnd())
                    + ", and invited " + e.invitedMunicipalities().size() + " municipalities"
                    + " to join by " + e.joiningDeadline() + ".";
        } else if (event instanceof MunicipalityInvited e) {
            return ViewFields.label(e.municipality()) + " was invited to join.";
        } else if (event instanceof MunicipalityJoined e) {
            return ViewFields.label(e.municipality()) + " joined on " + ViewFields.decisionInWords(e.decision())
                    + (e.appealDeadline() == null ? "" : "; appeal deadline " + e.appealDeadline()) + ".";
        } else if (event instanceof ParticipationDeclined e) {
            return ViewFields.label(e.municipality()) + " declined to take part"
                    + (e.decision() == null ? "" : " on " + ViewFields.decisionInWords(e.decision()))
                    + reason(e.reason());
        } else if (event instanceof MunicipalityWithdrew e) {
            return ViewFields.label(e.municipality()) + " withdrew from the application"
                    + (e.decision() == null ? "" : " on " + ViewFields.decisionInWords(e.decision()))
                    + reason(e.reason());
        } else if (event instanceof DecisionReferenceCorrected e) {
            return "The decision reference recorded for " + ViewFields.label(e.municipality()) + " in "
                    + e.correctedEventType() + " was corrected from "
                    + ViewFields.decisionInWords(e.previousReference()) + " to "
                    + ViewFields.decisionInWords(e.newReference())
                    + (e.appealDeadline() == null ? "" : "; appeal deadline " + e.appealDeadline())
                    + reason(e.reason());
        } else if (event instanceof SignatureDelegated e) {
            return ViewFields.label(e.municipality()) + " delegated the signing of its cooperation form to "
                    + e.delegateName() + " (" + e.delegateRole() + ") on " + ViewFields.decisionInWords(e.decision())
                    + (e.validUntil() == null ? "" : ", valid until " + e.validUntil())
                    + " (delegation " + e.delegationId() + ").";
        } else if (event instanceof SignatureDelegationRevoked e) {
            return ViewFields.label(e.municipality()) + " revoked signing delegation " + e.delegationId()
                    + reason(e.reason());
        } else if (event instanceof CooperationFormSigned e) {
            return e.signatoryName() + " (" + e.signatoryRole() + ") signed the cooperation form of "
                    + ViewFields.label(e.municipality())
                    + (e.delegationId() == null ? "" : " under delegation " + e.delegationId()) + ".";
        } else if (event instanceof BudgetLineSet e) {
            return "The budget line of " + ViewFields.label(e.municipality()) + " for " + e.year() + " was set to "
                    + ViewFields.sek(e.amountSek()) + ".";
        } else if (event instanceof DocumentAttached e) {
            return "Document \"" + e.fileName() + "\" (" + kind(e) + ", " + e.sizeBytes() + " bytes, SHA-256 "
                    + e.sha256() + ") was attached"
                    + (e.municipality() == null
                            ? " to the application."
                            : " for " + ViewFields.label(e.municipality()) + ".");
        } else if (event instanceof ApplicationSubmitted e) {
            return "The application was submitted to the funder with " + e.participantCount()
                    + " participating municipalities (" + e.declinedCount() + " declined, " + e.withdrawnCount()
                    + " withdrew, " + e.unansweredCount() + " did not answer), applying for "
                    + ViewFields.sek(e.appliedAmountSek()) + ".";
        } else if (event instanceof JoiningClosed e) {
            return "Joining closed at the deadline " + e.joiningDeadline() + " with " + e.joinedCount()
                    + " municipalities joined.";
        } else if (event instanceof AwardGranted e) {
            String reports = e.reportDueDates().isEmpty()
                    ? ""
                    : "; "
                            + e.reportDueDates().stream()
                                    .map(EventSummaries::due)
                                    .collect(Collectors.joining(", "));
            return "The funder granted " + ViewFields.sek(e.amountSek()) + " of "
                    + ViewFields.sek(e.appliedAmountSek()) + " applied for (case " + e.caseNumber() + ", decided "
                    + e.decisionDate() + ")" + reports + ".";
        } else if (event instanceof ApplicationRejected e) {
            return "The funder rejected the application (case " + e.caseNumber() + ", decided " + e.decisionDate() + ")"
                    + reason(e.reason());
        } else if (event instanceof FundsRequisitioned e) {
            return ViewFields.sek(e.amountSek()) + " was requisitioned (" + ViewFields.sek(e.totalRequisitionedSek())
                    + " in all).";
        } else if (event instanceof InterimReportSubmitted e) {
            return "The interim report due " + e.dueDate() + " was submitted, reporting "
                    + ViewFields.sek(e.usedAmountSek()) + " used so far.";
        } else if (event instanceof FinalReportSubmitted e) {
            return "The final report due " + e.dueDate() + " was submitted, reporting "
                    + ViewFields.sek(e.usedAmountSek()) + " used in all.";
        } else if (event instanceof ReportOverdue e) {
            return "The " + report(e.report()) + " due " + e.dueDate() + " is overdue.";
        } else if (event instanceof RepaymentClaimed e) {
            return "The funder claimed repayment of " + ViewFields.sek(e.amountSek()) + " ("
                    + ViewFields.sek(e.totalClaimedSek()) + " in all)" + reason(e.reason());
        } else if (event instanceof ApplicationClosed e) {
            return "The application was closed" + reason(e.reason());
        }
        return ViewFields.eventType(event) + ".";
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank()
                ? "."
                : ": " + reason.strip() + (reason.strip().endsWith(".") ? "" : ".");
    }

    private static String legalBasis(String name) {
        return "SECTION_37A".equals(name) ? "§ 37a" : "SECTION_37".equals(name) ? "§ 37" : name;
    }

    private static String report(ReportKind kind) {
        return kind == ReportKind.FINAL ? "final report" : "interim report";
    }

    private static String due(ReportDueDate r) {
        return report(r.report()) + " due " + r.dueDate();
    }

    private static String kind(DocumentAttached e) {
        if (e.kind() == null) {
            return "document";
        }
        switch (e.kind()) {
            case TJANSTEUTLATANDE:
                return "official report (tjänsteutlåtande)";
            case FORSTUDIERAPPORT:
                return "pre-study report (förstudierapport)";
            case PROTOKOLLSUTDRAG:
                return "extract from the minutes (protokollsutdrag)";
            case COOPERATION_FORM:
                return "cooperation form (samverkansblankett)";
            case REPORT:
                return "report";
            default:
                return "other document";
        }
    }
}
