package io.accounts.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * How the embedded store lays out mongo-java-server's maps. Documents are written as BSON, about a third of the bytes
 * of the Java serialization the H2 backend uses (the class descriptors with every document). Keys, and the values
 * of index maps, keep H2's own encoding and order, so a file of an earlier version opens as it is, but with a size
 * estimate that fits them: H2 guesses 10 KB for every serialized object until it has written some, which splits
 * index pages at one or two keys, and every such page is one more page each commit writes.
 * Documents written before (Java-serialized) are still read, and are rewritten as BSON when their pages change.
 */
final class BsonValues extends BasicDataType<Object> {

    /** mongo-java-server's H2 backend names a collection's documents {@code databases.<db>.<collection>}... */
    private static final String DATA_MAP_PREFIX = "databases.";
    /** ...and its indexes {@code <db>.<collection>._index_<name>}. */
    private static final String INDEX_MAP_INFIX = "._index_";
    /** Tags ObjectDataType never writes (it uses 0-19, 32-49 and 64-119). */
    private static final byte BSON = 124;
    private static final byte OBJECT_ID = 125;
    private static final byte KEY = 126;

    private final ObjectDataType earlier = new ObjectDataType();

    private BsonValues() {
    }

    /** Opens every existing map of collections and indexes this way: before mongo-java-server opens its databases. */
    static void openAll(MVStore store) {
        store.getMapNames().forEach(name -> open(store, name));
    }

    /**
     * Opens the maps a collection needs, its documents and its {@code _id} index, unless they are open already, so
     * that mongo-java-server's own {@code openMap(name)} later finds them open and uses them.
     */
    static void openCollection(MVStore store, String database, String collection) {
        open(store, DATA_MAP_PREFIX + database + "." + collection);
        open(store, database + "." + collection + INDEX_MAP_INFIX + "_id_");
    }

    /** Opens the map of an index of a collection, unless it is open already. */
    static void openIndex(MVStore store, String database, String collection, String index) {
        open(store, database + "." + collection + INDEX_MAP_INFIX + index);
    }

    /**
     * Opens a map with types of its own: H2's {@link ObjectDataType} remembers the type it saw last without
     * synchronization, which is safe only as mongo-java-server uses it, one instance per map, and a collection's
     * commands one at a time.
     */
    private static void open(MVStore store, String name) {
        if (name.startsWith(DATA_MAP_PREFIX)) {
            store.openMap(name, new MVMap.Builder<>().keyType(new SizedObjects()).valueType(new BsonValues()));
        } else if (name.contains(INDEX_MAP_INFIX)) {
            store.openMap(name, new MVMap.Builder<>().keyType(new SizedObjects()).valueType(new SizedObjects()));
        }
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int getMemory(Object value) {
        return estimate(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        byte[] bson = value instanceof Document document ? encode(document) : null;
        if (bson == null) {
            earlier.write(buff, value);
            return;
        }
        buff.put(BSON).putVarInt(bson.length).put(bson);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return earlier.read(buff);
        }
        buff.get();
        byte[] bson = new byte[DataUtils.readVarInt(buff)];
        buff.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** The document as BSON; null for a value BSON cannot hold, which is then written as before. */
    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bson = new byte[buffer.readableBytes()];
            buffer.readBytes(bson);
            return bson;
        } catch (RuntimeException e) {
            return null;
        } finally {
            buffer.release();
        }
    }

    /** A rough size in memory, as H2 needs it to split pages and to bound its cache; never 0. */
    static int estimate(Object value) {
        if (value instanceof String text) {
            return 40 + text.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            int size = 40;
            for (Object element : key) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return 32;
    }

    /**
     * H2's own order of keys, with the size estimate above; ObjectIds and index keys written in a few bytes instead
     * of Java serialization (the order is the objects', not their encoding's, so it is the same for both encodings).
     */
    private static final class SizedObjects extends BasicDataType<Object> {

        private final ObjectDataType objects = new ObjectDataType();

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }

        @Override
        public int getMemory(Object value) {
            return estimate(value);
        }

        @Override
        public int compare(Object a, Object b) {
            return objects.compare(a, b);
        }

        @Override
        public void write(WriteBuffer buff, Object value) {
            if (value instanceof ObjectId id) {
                buff.put(OBJECT_ID).put(id.toByteArray());
                return;
            }
            byte[] bson = value instanceof KeyValue key ? encode(key) : null;
            if (bson == null) {
                objects.write(buff, value);
                return;
            }
            buff.put(KEY).putVarInt(bson.length).put(bson);
        }

        @Override
        public Object read(ByteBuffer buff) {
            byte tag = buff.get(buff.position());
            if (tag == OBJECT_ID) {
                buff.get();
                byte[] id = new byte[12];
                buff.get(id);
                return new ObjectId(id);
            }
            if (tag == KEY) {
                buff.get();
                byte[] bson = new byte[DataUtils.readVarInt(buff)];
                buff.get(bson);
                return new KeyValue(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)).values());
            }
            return objects.read(buff);
        }

        /** An index key as a BSON document of its values ("0", "1", ...); null when BSON cannot hold one. */
        private static byte[] encode(KeyValue key) {
            Document values = new Document();
            int i = 0;
            for (Object value : key) {
                values.put(Integer.toString(i++), value);
            }
            return BsonValues.encode(values);
        }
    }
}
