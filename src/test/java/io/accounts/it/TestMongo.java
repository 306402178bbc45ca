package io.accounts.it;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The MongoDB the integration tests' server talks to: a wire-protocol server in the test JVM (a separate
 * process from the application server), listening on the port Maven reserved, up before Arquillian starts
 * Liberty. Tests may stop and restart it to play an outage.
 */
public class TestMongo implements LauncherSessionListener {

    private static MongoServer server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.mongo.port") != null) {
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    public static synchronized void start() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", Integer.getInteger("it.mongo.port"));
        }
    }

    /** Stops listening and drops every connection: what the application sees when MongoDB goes away. */
    public static synchronized void stopListening() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    public static synchronized void stop() {
        stopListening();
    }
}
