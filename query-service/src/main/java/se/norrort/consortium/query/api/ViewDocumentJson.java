package se.norrort.consortium.query.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.boot.jackson.JacksonComponent;
import se.norrort.consortium.query.projection.Provenance;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * How the query API writes a view document ({@link Document}) as JSON: as the map it is, without the provenance a
 * view document carries ({@value Provenance#FIELD}). This is the one place that keeps provenance out of the served
 * views: every JSON answer, SSE event (stored states and live {@code ViewChangeHub} publications alike) and funder
 * list page is written by this serializer, at any depth; provenance is served only by the provenance endpoints,
 * which answer it in their own shape.
 */
@JacksonComponent
public class ViewDocumentJson extends ValueSerializer<Document> {

    @Override
    public void serialize(Document document, JsonGenerator generator, SerializationContext context) {
        Map<String, Object> served = new LinkedHashMap<>(document);
        served.remove(Provenance.FIELD);
        context.writeValue(generator, served);
    }

    @Override
    public Class<?> handledType() {
        return Document.class;
    }
}
