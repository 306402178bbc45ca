package io.accounts.it;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB the integration tests' server talks to: a wire-protocol server in the test JVM (a separate
 * process from the application server) on the port Maven reserved, keeping its data in a file so that a test
 * can stop it under the running application and start it again, as an outage would, without losing data.
 */
public class TestMongo implements LauncherSessionListener {

    private static MongoServer server;
    private static Path file;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.mongo.port") != null) {
            try {
                Path dir = Files.createDirectories(Path.of(System.getProperty("it.basedir"), "target", "test-mongo"));
                file = dir.resolve("it.mv");
                Files.deleteIfExists(file);
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
            server = new MongoServer(new H2Backend(file.toString()));
            server.bind("127.0.0.1", Integer.getInteger("it.mongo.port"));
        }
    }

    /** Closes the port and every connection, and the data file: what the application sees of an outage. */
    public static synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    public static String uri() {
        return "mongodb://127.0.0.1:" + Integer.getInteger("it.mongo.port");
    }
}
