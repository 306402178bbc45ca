package io.accounts.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Open Liberty server the test starts and stops itself, as an operator would: the shipped
 * {@code server-config} (its {@code jvm.options} included), the real WAR in {@code dropins}, and the given
 * bootstrap properties. For what Arquillian cannot do: restarts, and the shipped heap size.
 */
public final class StandaloneServer {

    private final String name;
    private final Path dir;
    private final int port;

    public StandaloneServer(String name, int port, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        Path basedir = Path.of(System.getProperty("it.basedir"));
        this.dir = Path.of(System.getProperty("it.wlp"), "usr", "servers", name);
        try {
            Files.createDirectories(dir.resolve("dropins"));
            try (Stream<Path> files = Files.list(basedir.resolve("server-config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String bootstrap = Stream.concat(Stream.of("default.http.port=" + port, "http.host=localhost"),
                    properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()))
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(dir.resolve("bootstrap.properties"), bootstrap);
            Files.copy(Path.of(System.getProperty("it.war")), dir.resolve("dropins/user-account-service.war"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path jvmOptions() {
        return dir.resolve("jvm.options");
    }

    /** Starts the server and waits until it is ready (its database reachable and set up). */
    public void start() throws IOException, InterruptedException {
        command("start");
        await("/health/ready");
    }

    /** Starts the server and waits only until it answers: for a start whose database is not there yet. */
    public void startLive() throws IOException, InterruptedException {
        command("start");
        await("/health/live");
    }

    public void await(String health) throws InterruptedException {
        Api api = api();
        Await.until("200 at " + health + " from server " + name, Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> api.get(health, null).status() == 200);
    }

    /** Waits until a line of the server's messages.log holds {@code text}; false after {@code seconds}. */
    public boolean awaitLog(String text, int seconds) throws IOException, InterruptedException {
        Path messages = logs().resolve("messages.log");
        return Await.holds(Duration.ofSeconds(seconds), Duration.ofMillis(500), () -> Files.exists(messages)
                && Files.readString(messages, StandardCharsets.ISO_8859_1).contains(text));
    }

    public void stop() throws IOException, InterruptedException {
        command("stop");
    }

    /** {@code kill -9} of the server's JVM, as a crash would end it: no shutdown hook, no final commit. */
    public void kill() throws IOException, InterruptedException {
        Path pidFile = Path.of(System.getProperty("it.wlp"), "usr", "servers", ".pid", name + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        process.destroyForcibly();
        process.onExit().join();
    }

    public Path dataFile() {
        return dir.resolve("data").resolve("mongo.mv");
    }

    private void command(String action) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(System.getProperty("it.wlp") + "/bin/server", action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        new File(dir.toFile(), "command.log"))).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + action + " " + name + " did not finish");
        }
    }
}
