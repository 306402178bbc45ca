package io.accounts.platform.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * H2's own order of keys, with {@link BsonValues#estimate} for their size; ObjectIds and index keys written in a few bytes instead
 * of Java serialization (the order is the objects', not their encoding's, so it is the same for both encodings).
 */
final class SizedObjects extends BasicDataType<Object> {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
    private final ObjectDataType objects = new ObjectDataType();

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int getMemory(Object value) {
        return BsonValues.estimate(value);
    }

    /**
     * Index keys by their values, in mongo-java-server's order of values (H2 would serialize both keys to compare
     * their bytes, on every step of every lookup); keys it deems equal but that are not are told apart by
     * their serialized bytes, so the order agrees with {@code equals}. Anything else in H2's order.
     */
    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int order = Integer.compare(left.size(), right.size());
            for (int i = 0; order == 0 && i < left.size(); i++) {
                order = VALUES.compare(left.get(i), right.get(i));
            }
            return order != 0 || left.equals(right) ? order : objects.compare(a, b);
        }
        return objects.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof ObjectId id) {
            buff.put(BsonValues.OBJECT_ID).put(id.toByteArray());
            return;
        }
        if (!(value instanceof KeyValue key) || !BsonValues.put(buff, BsonValues.KEY, values(key))) {
            objects.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag == BsonValues.OBJECT_ID) {
            buff.get();
            byte[] id = new byte[12];
            buff.get(id);
            return new ObjectId(id);
        }
        if (tag == BsonValues.KEY) {
            buff.get();
            return new KeyValue(BsonValues.decode(buff).values());
        }
        return objects.read(buff);
    }

    /** An index key as a document of its values ("0", "1", ...). */
    private static Document values(KeyValue key) {
        Document values = new Document();
        int i = 0;
        for (Object value : key) {
            values.put(Integer.toString(i++), value);
        }
        return values;
    }
}
