package io.accounts.platform.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
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
import java.util.List;
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
    static final String DATA_MAP_PREFIX = "databases.";
    /** ...and its indexes {@code <db>.<collection>._index_<name>}. */
    private static final String INDEX_MAP_INFIX = "._index_";
    /** The store's own record of its format: index maps in the order of {@link SizedObjects#compare}. */
    private static final String FORMAT_MAP = "accounts.format";
    private static final String INDEX_ORDER = "index-order";
    private static final String KEY_ORDER = "values";
    /** Tags ObjectDataType never writes (it uses 0-19, 32-49 and 64-119). */
    private static final byte BSON = 124;
    static final byte OBJECT_ID = 125;
    static final byte KEY = 126;

    /** Scratch buffers larger than this (a large document's) are not kept for the next value. */
    private static final int LARGEST_KEPT = 1 << 20;
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType earlier = new ObjectDataType();

    private BsonValues() {
    }

    /**
     * Opens every existing map of collections and indexes this way: before mongo-java-server opens its databases.
     * Index maps of a file written before index keys had their own order are rebuilt in that order first (once).
     */
    static void openAll(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (!KEY_ORDER.equals(format.get(INDEX_ORDER))) {
            for (String name : List.copyOf(store.getMapNames())) {
                if (name.contains(INDEX_MAP_INFIX)) {
                    rebuild(store, name);
                }
            }
            format.put(INDEX_ORDER, KEY_ORDER);
        }
        store.getMapNames().forEach(name -> open(store, name));
    }

    /** The entries of an index map written in H2's order of serialized bytes, put again in the order of keys. */
    private static void rebuild(MVStore store, String name) {
        MVMap<Object, Object> earlier = store.openMap(name);
        String rebuilt = name + ".rebuilt";
        MVMap<Object, Object> ordered = store.openMap(rebuilt,
                new MVMap.Builder<>().keyType(new SizedObjects()).valueType(new SizedObjects()));
        ordered.clear();
        earlier.forEach(ordered::put);
        store.removeMap(earlier);
        store.renameMap(ordered, name);
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
        if (!(value instanceof Document document) || !put(buff, BSON, document)) {
            earlier.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return earlier.read(buff);
        }
        buff.get();
        return decode(buff);
    }

    /**
     * Writes {@code tag}, the length and the document as BSON, through a buffer each serializing thread keeps;
     * false, with nothing written, for a value BSON cannot hold (written as before then).
     */
    static boolean put(WriteBuffer buff, byte tag, Document document) {
        ByteBuf scratch = SCRATCH.get();
        scratch.clear();
        try {
            BsonEncoder.encodeDocument(document, scratch);
        } catch (RuntimeException e) {
            return false;
        }
        buff.put(tag).putVarInt(scratch.readableBytes()).put(scratch.nioBuffer());
        if (scratch.capacity() > LARGEST_KEPT) {
            SCRATCH.remove();
        }
        return true;
    }

    /** A length and that many bytes of BSON, read in place. */
    static Document decode(ByteBuffer buff) {
        int length = DataUtils.readVarInt(buff);
        ByteBuffer bson = buff.slice();
        bson.limit(length);
        buff.position(buff.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
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
}
