package io.accounts.throttle;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.accounts.platform.store.StoreKit;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throttles for unit tests, configured as the container would configure them, each on a database of its own in
 * one in-memory MongoDB wire-protocol server (started once for the test JVM).
 */
public final class TestThrottles {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    static MongoClient client;

    private TestThrottles() {
    }

    /** A fresh, empty store, indexes created. */
    static ThrottleStore store() {
        return store("throttle" + DATABASES.incrementAndGet());
    }

    /** A store on this database: two stores on one database are two nodes of a cluster. */
    static synchronized ThrottleStore store(String database) {
        if (client == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        }
        ThrottleStore store = new ThrottleStore();
        store.template = StoreKit.template(client, database);
        store.driver = StoreKit.driver(client, database);
        store.init();
        store.setUp();
        return store;
    }

    public static LoginThrottle login(long pair, long address, long account) {
        return login(store(), pair, address, account);
    }

    static LoginThrottle login(ThrottleStore store, long pair, long address, long account) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.store = store;
        throttle.perPair = pair;
        throttle.perAddress = address;
        throttle.perAccount = account;
        throttle.windowSeconds = 300;
        throttle.init();
        return throttle;
    }

    public static RecoveryThrottle recovery(long perEmail, long perAddress, long perUser) {
        RecoveryThrottle throttle = new RecoveryThrottle();
        throttle.store = store();
        throttle.resetsPerEmail = perEmail;
        throttle.resetsPerAddress = perAddress;
        throttle.resendsPerUser = perUser;
        throttle.init();
        return throttle;
    }

    public static RegistrationThrottle registration(long perAddress) {
        RegistrationThrottle throttle = new RegistrationThrottle();
        throttle.store = store();
        throttle.perAddress = perAddress;
        throttle.windowSeconds = 3600;
        throttle.init();
        return throttle;
    }

    public static ChallengeThrottle challenges(long perAddress) {
        ChallengeThrottle throttle = new ChallengeThrottle();
        throttle.store = store();
        throttle.perAddress = perAddress;
        throttle.init();
        return throttle;
    }
}
