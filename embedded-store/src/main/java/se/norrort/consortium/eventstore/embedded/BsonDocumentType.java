package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Stored documents as BSON (the wire format they arrived in) instead of Java serialization: a tag byte, the length,
 * the BSON bytes. A document BSON cannot hold (a value of a type the wire never carries) is written Java-serialized
 * behind another tag, as the stock backend writes every document, so nothing is refused that was stored before.
 * Documents are not keys here: no order is needed.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    private static final byte BSON = 1;
    private static final byte SERIALIZED = 0;

    private final ObjectDataType fallback = new ObjectDataType();
    /**
     * A running average of the encoded size, the memory estimate the MVStore splits pages by: one per collection
     * ({@link #forCollection}), so that a collection of large documents (a view's, ~10 KB with provenance) is split into
     * pages of one or two of them. A commit writes the whole of every page it changed, encoding each document in it;
     * with one average for the whole store, dominated by the many small documents (events), a page of large documents
     * held several and one update encoded them all.
     */
    private volatile int averageSize = 512;

    private BsonDocumentType() {}

    /** The type of one collection's documents, with an estimate of its own. */
    static BsonDocumentType forCollection() {
        return new BsonDocumentType();
    }

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        byte[] bytes;
        try {
            bytes = encode(document, averageSize);
        } catch (RuntimeException notBson) {
            buffer.put(SERIALIZED);
            fallback.write(buffer, document);
            return;
        }
        averageSize = (averageSize * 15 + bytes.length) / 16;
        buffer.put(BSON).putVarInt(bytes.length).put(bytes);
    }

    /** The BSON bytes of {@code document}; throws when it holds a value BSON cannot. */
    static byte[] encode(Map<String, ?> document, int expectedSize) {
        ByteBuf encoded = Unpooled.buffer(expectedSize);
        try {
            BsonEncoder.encodeDocument(document, encoded);
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            return bytes;
        } finally {
            encoded.release();
        }
    }

    /** The document of BSON bytes. */
    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte tag = buffer.get();
        if (tag == SERIALIZED) {
            return (Document) fallback.read(buffer);
        }
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return decode(bytes);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
