package se.norrort.consortium.api;

/**
 * Names of the metadata every stored event carries (see {@code doc/event-store.md}, "Metadata on every event"). Metadata records who acted and in
 * which capacity; the payload records what was decided.
 */
public final class MetadataKeys {

    /** Subject (person id) of the person who acted. */
    public static final String ACTOR_ID = "actorId";
    /** Display name of the person who acted. */
    public static final String ACTOR_NAME = "actorName";
    /** Role the person acted in ({@code Role} name). */
    public static final String ACTOR_ROLE = "actorRole";
    /** Municipality code the person acted for, if any. */
    public static final String ACTOR_MUNICIPALITY = "actorMunicipality";
    /** The signature delegation the person acted under, if any. */
    public static final String DELEGATION_ID = "delegationId";
    /** Groups every message that one outside request caused. */
    public static final String CORRELATION_ID = "correlationId";
    /** Identifier of the message (command) that caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The client's own id for its request ({@code X-Request-Id}), if it sent one. */
    public static final String CLIENT_REQUEST_ID = "clientRequestId";
    /**
     * On a command only: the aggregate version the sender's {@code If-Match} named. The command is refused unless the
     * application is still at exactly that version.
     */
    public static final String EXPECTED_VERSION = "expectedVersion";
    /**
     * The event's global position in the event log. Not stored: added when the event is read from the log by a
     * tracking processor.
     */
    public static final String GLOBAL_POSITION = "globalPosition";

    private MetadataKeys() {}
}
