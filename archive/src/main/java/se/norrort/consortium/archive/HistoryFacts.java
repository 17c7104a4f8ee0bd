package se.norrort.consortium.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.FinalReportSubmitted;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.model.ApplicationState;

/**
 * What the report needs, gathered while the history is read once, in order: the state folded through the same
 * {@link ApplicationState} the aggregate uses, and the few facts the state does not keep (when and by whom each
 * decision, delegation and signature was recorded). Everything here grows with the number of decisions, never with
 * the length of the history as a whole.
 */
final class HistoryFacts {

    /** How many unreadable events are described one by one in the report. */
    static final int MAX_UNREADABLE_LISTED = 20;

    /** Who recorded an event, from its metadata. */
    record RecordedBy(String name, String role, String municipality) {

        static RecordedBy of(Document metadata) {
            return new RecordedBy(
                    metadata.getString(MetadataKeys.ACTOR_NAME),
                    metadata.getString(MetadataKeys.ACTOR_ROLE),
                    metadata.getString(MetadataKeys.ACTOR_MUNICIPALITY));
        }
    }

    /**
     * A committee decision the history records.
     *
     * @param kind           what the decision was about (Swedish, as shown in the report)
     * @param previous       for a correction: the reference it replaced
     * @param appealDeadline the appeal deadline the event records, if any
     */
    record Decision(
            String kind,
            MunicipalityCode municipality,
            DecisionReference reference,
            DecisionReference previous,
            LocalDate appealDeadline,
            Instant recordedAt,
            RecordedBy recordedBy) {}

    /** When and by whom something was recorded. */
    record Recorded(Instant at, RecordedBy by) {}

    /** A signed cooperation form, as the event records it. */
    record Signed(CooperationFormSigned signature, Instant at, RecordedBy recordedBy) {}

    /** An event whose payload could not be read (it is still in {@code events.jsonl}). */
    record Unreadable(long sequence, long position, String type, String reason) {}

    final ApplicationState state = new ApplicationState();
    final List<Decision> decisions = new ArrayList<>();
    final Map<DelegationId, Recorded> delegated = new HashMap<>();
    final Map<DelegationId, Recorded> revoked = new HashMap<>();
    final List<Signed> signatures = new ArrayList<>();
    final Map<ReportKind, Instant> reportsSubmitted = new EnumMap<>(ReportKind.class);
    final List<Unreadable> unreadable = new ArrayList<>();
    int events;
    int unreadableCount;
    Instant first;
    Instant last;
    Recorded opened;
    Recorded submitted;
    Recorded fundingDecision;
    Recorded closed;

    /** Takes in the next stored event of the stream, its metadata and its payload (null when unreadable). */
    void accept(StoredEvent stored, Document metadata, ConsortiumEvent event, String unreadableReason) {
        events++;
        if (first == null) {
            first = stored.timestamp();
        }
        last = stored.timestamp();
        if (event == null) {
            unreadableCount++;
            if (unreadable.size() < MAX_UNREADABLE_LISTED) {
                unreadable.add(
                        new Unreadable(stored.sequence(), stored.position(), stored.payloadType(), unreadableReason));
            }
            return;
        }
        state.evolve(event);
        note(event, new Recorded(stored.timestamp(), RecordedBy.of(metadata)));
    }

    private void note(ConsortiumEvent event, Recorded recorded) {
        if (event instanceof ApplicationOpened) {
            opened = recorded;
        } else if (event instanceof MunicipalityJoined e) {
            decision("Anslutning", e.municipality(), e.decision(), null, e.appealDeadline(), recorded);
        } else if (event instanceof ParticipationDeclined e) {
            decision("Avböjande: " + e.reason(), e.municipality(), e.decision(), null, null, recorded);
        } else if (event instanceof MunicipalityWithdrew e) {
            decision("Utträde: " + e.reason(), e.municipality(), e.decision(), null, null, recorded);
        } else if (event instanceof DecisionReferenceCorrected e) {
            decision(
                    "Rättelse av beslutsreferens: " + e.reason(),
                    e.municipality(),
                    e.newReference(),
                    e.previousReference(),
                    e.appealDeadline(),
                    recorded);
        } else if (event instanceof SignatureDelegated e) {
            decision(
                    "Delegering av undertecknande till " + e.delegateName() + " (" + e.delegateRole() + ")",
                    e.municipality(),
                    e.decision(),
                    null,
                    null,
                    recorded);
            delegated.put(e.delegationId(), recorded);
        } else if (event instanceof SignatureDelegationRevoked e) {
            revoked.put(e.delegationId(), recorded);
        } else if (event instanceof CooperationFormSigned e) {
            signatures.add(new Signed(e, recorded.at(), recorded.by()));
        } else if (event instanceof ApplicationSubmitted) {
            submitted = recorded;
        } else if (event instanceof AwardGranted || event instanceof ApplicationRejected) {
            fundingDecision = recorded;
        } else if (event instanceof InterimReportSubmitted) {
            reportsSubmitted.put(ReportKind.INTERIM, recorded.at());
        } else if (event instanceof FinalReportSubmitted) {
            reportsSubmitted.put(ReportKind.FINAL, recorded.at());
        } else if (event instanceof ApplicationClosed) {
            closed = recorded;
        }
    }

    private void decision(
            String kind,
            MunicipalityCode municipality,
            DecisionReference reference,
            DecisionReference previous,
            LocalDate appealDeadline,
            Recorded recorded) {
        if (reference != null) {
            decisions.add(new Decision(
                    kind, municipality, reference, previous, appealDeadline, recorded.at(), recorded.by()));
        }
    }

    /** When the latest signature of the municipality's cooperation form was recorded, if any. */
    Signed latestSignature(MunicipalityCode municipality) {
        Signed latest = null;
        for (Signed s : signatures) {
            if (s.signature().municipality().equals(municipality)) {
                latest = s;
            }
        }
        return latest;
    }
}
