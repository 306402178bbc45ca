package io.accounts.it.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's nginx with the README's forward-auth locations ({@code src/test/resources/nginx/nginx.conf}) in front
 * of a stand-in upstream that says what it received; installed by {@code scripts/ensure-nginx.sh} when missing.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Nginx start() throws IOException, InterruptedException {
        Path basedir = Path.of(System.getProperty("it.basedir"));
        Process install = new ProcessBuilder("bash", basedir.resolve("scripts/ensure-nginx.sh").toString())
                .redirectErrorStream(true).redirectOutput(basedir.resolve("target/ensure-nginx.log").toFile()).start();
        assertTrue(install.waitFor(600, TimeUnit.SECONDS) && install.exitValue() == 0, "nginx is installed");
        Path prefix = Files.createDirectories(basedir.resolve("target/nginx"));
        int port = Integer.getInteger("it.nginx.port");
        String config = Files.readString(basedir.resolve("src/test/resources/nginx/nginx.conf"))
                .replace("@PREFIX@", prefix.toString()).replace("@LISTEN@", Integer.toString(port))
                .replace("@AUTH@", "http://localhost:" + System.getProperty("it.http.port"))
                .replace("@UPSTREAM@", System.getProperty("it.upstream.port"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config);
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process process = new ProcessBuilder(binary, "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        nginx.awaitListening();
        return nginx;
    }

    public int port() {
        return port;
    }

    private void awaitListening() throws InterruptedException {
        Await.until("nginx listening on " + port, Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
