package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The project owner requisitioned (rekvirerade) granted funds.
 *
 * @param applicationId the application
 * @param amountSek the amount requisitioned now, whole kronor
 * @param totalRequisitionedSek all requisitioned so far, this amount included
 */
@EventType("FundsRequisitioned")
public record FundsRequisitioned(ApplicationId applicationId, long amountSek, long totalRequisitionedSek)
        implements ConsortiumEvent {}
