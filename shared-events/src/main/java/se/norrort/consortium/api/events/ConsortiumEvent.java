package se.norrort.consortium.api.events;

import se.norrort.consortium.api.values.ApplicationId;

/**
 * Every event of a consortium application. The interface is sealed: the list below is the whole contract, and
 * {@link ConsortiumEvents#types()} is built from it.
 * <p>
 * Each event is a past-tense record whose first component is the application id, annotated with its stable stored
 * type name ({@link se.norrort.consortium.api.EventType}). Events carry no secrets and no personal data beyond what the
 * decision itself records; who acted goes into the event metadata.
 */
public sealed interface ConsortiumEvent
        permits ApplicationOpened,
                MunicipalityInvited,
                MunicipalityJoined,
                ParticipationDeclined,
                MunicipalityWithdrew,
                DecisionReferenceCorrected,
                SignatureDelegated,
                SignatureDelegationRevoked,
                CooperationFormSigned,
                BudgetLineSet,
                DocumentAttached,
                ApplicationSubmitted,
                JoiningClosed,
                AwardGranted,
                ApplicationRejected,
                FundsRequisitioned,
                InterimReportSubmitted,
                FinalReportSubmitted,
                ReportOverdue,
                RepaymentClaimed,
                ApplicationClosed {

    /** The application the event belongs to (the aggregate id). */
    ApplicationId applicationId();
}
