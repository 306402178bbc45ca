package io.accounts.it.support;

import io.accounts.platform.store.EmbeddedMongo;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB the integration tests' server talks to: the embedded default's wire-protocol server (durable H2
 * store, compaction, TTL expiry), here in the test JVM, a separate process from the application server, on the port
 * Maven reserved, keeping its data in a file so that a test can stop it under the running application and start it
 * again, as an outage would, without losing data.
 */
public class TestMongo implements LauncherSessionListener {

    private static EmbeddedMongo server;
    private static Path dir;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.mongo.port") != null) {
            try {
                dir = Files.createDirectories(Path.of(System.getProperty("it.basedir"), "target", "test-mongo"));
                Files.deleteIfExists(dir.resolve("mongo.mv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    public static synchronized void start() {
        if (server == null) {
            server = EmbeddedMongo.start(dir, Integer.getInteger("it.mongo.port"), 4, 60);
        }
    }

    /** Closes the port and every connection, and the data file: what the application sees of an outage. */
    public static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public static String uri() {
        return "mongodb://127.0.0.1:" + Integer.getInteger("it.mongo.port");
    }
}
