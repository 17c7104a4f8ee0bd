package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index (a {@link KeyValue}: the indexed fields' values), written as a BSON document of those
 * values and compared by value.
 * <p>
 * <b>Order.</b> The index answers equality only (the embedded server serves no ranges from an index), so the order
 * only has to be total and agree with the stock backend's notion of the same key: the stock backend compares
 * Java-serialized bytes, so two keys are the same when their values are of the same classes and equal. Here values
 * are compared by class name first, then by their natural order for the common scalar types (strings, numbers,
 * booleans, object ids, dates, UUIDs), and by their Java-serialized bytes otherwise (documents, lists, binaries: as
 * the stock backend does for every value). That removes the two serializations per comparison a lookup made
 * {@code log2(n)} times.
 * <p>
 * A key BSON cannot hold, or does not read back as the same values (the marker of a missing field, a class BSON
 * reads back as another), is written Java-serialized behind another tag; each key is read back once when written.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    private static final byte BSON = 1;
    private static final byte SERIALIZED = 0;

    private static final Set<Class<?>> NATURAL = Set.of(
            String.class,
            Integer.class,
            Long.class,
            Double.class,
            Boolean.class,
            ObjectId.class,
            Instant.class,
            Date.class,
            UUID.class);

    private final ObjectDataType fallback = new ObjectDataType();

    private KeyValueType() {}

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int sizes = Integer.compare(a.size(), b.size());
        if (sizes != 0) {
            return sizes;
        }
        for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (NATURAL.contains(a.getClass())) {
            return ((Comparable) a).compareTo(b);
        }
        return Arrays.compare(serialize(a), serialize(b));
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare an index key's value of " + value.getClass(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public int getMemory(KeyValue key) {
        return 24 + 32 * key.size();
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        byte[] bytes;
        try {
            Document values = new Document();
            for (int i = 0; i < key.size(); i++) {
                values.put(Integer.toString(i), key.get(i));
            }
            bytes = BsonDocumentType.encode(values, 64);
        } catch (RuntimeException notBson) {
            bytes = null;
        }
        if (bytes == null || compare(key, decode(bytes)) != 0) {
            // not BSON, or not read back as the same values (a class BSON maps to another): as the stock backend
            buffer.put(SERIALIZED);
            fallback.write(buffer, key);
            return;
        }
        buffer.put(BSON).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        byte tag = buffer.get();
        if (tag == SERIALIZED) {
            return (KeyValue) fallback.read(buffer);
        }
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return decode(bytes);
    }

    private static KeyValue decode(byte[] bytes) {
        Document values = BsonDocumentType.decode(bytes);
        List<Object> list = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            list.add(values.get(Integer.toString(i)));
        }
        return new KeyValue(list);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
