package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The funder claimed repayment (återbetalning) of funds paid out and not used.
 *
 * @param applicationId the application
 * @param amountSek the amount claimed now, whole kronor
 * @param totalClaimedSek all claimed so far, this amount included
 * @param reason why, in words
 */
@EventType("RepaymentClaimed")
public record RepaymentClaimed(ApplicationId applicationId, long amountSek, long totalClaimedSek, String reason)
        implements ConsortiumEvent {}
