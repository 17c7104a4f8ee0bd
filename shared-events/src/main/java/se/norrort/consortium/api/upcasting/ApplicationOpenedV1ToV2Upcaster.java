package se.norrort.consortium.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import se.norrort.consortium.api.values.LegalBasis;

/**
 * Upcasts a stored {@code ApplicationOpened} from revision 1 (or no revision) to revision 2.
 * <p>
 * Revision 1 had no {@code legalBasis}: every application then was a § 37 application, so revision 2 gets
 * {@code "legalBasis": "SECTION_37"}. The stored payload type is the stable event type name
 * ({@code "ApplicationOpened"}), never a class name. Works on Jackson 2 {@link JsonNode} representations.
 */
public class ApplicationOpenedV1ToV2Upcaster extends SingleEventUpcaster {

    /** The stable stored type name of the event. */
    public static final String TYPE_NAME = "ApplicationOpened";

    static final String LEGAL_BASIS = "legalBasis";
    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE_NAME, "2");

    @Override
    public boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return TYPE_NAME.equals(type.getName()) && (type.getRevision() == null || "1".equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, ApplicationOpenedV1ToV2Upcaster::addLegalBasis);
    }

    private static JsonNode addLegalBasis(JsonNode payload) {
        if (!(payload instanceof ObjectNode object)) {
            return payload;
        }
        ObjectNode upcast = object.deepCopy();
        if (!upcast.hasNonNull(LEGAL_BASIS)) {
            upcast.put(LEGAL_BASIS, LegalBasis.SECTION_37.name());
        }
        return upcast;
    }
}
