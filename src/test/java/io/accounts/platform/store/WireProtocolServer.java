package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A MongoDB wire-protocol server in memory and a driver connected to it: the database of the stores' unit tests. */
public final class WireProtocolServer implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    public WireProtocolServer() {
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
