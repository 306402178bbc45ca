package io.accounts.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Open Liberty server the test starts and stops itself, as an operator would: the shipped
 * {@code server-config} (its {@code jvm.options} included), the real WAR in {@code dropins}, and the given
 * bootstrap properties. For what Arquillian cannot do: restarts, and the shipped heap size.
 */
final class StandaloneServer {

    private final String name;
    private final Path dir;
    private final int port;

    StandaloneServer(String name, int port, Map<String, String> properties) {
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

    Api api() {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path jvmOptions() {
        return dir.resolve("jvm.options");
    }

    void start() throws IOException, InterruptedException {
        command("start");
        Api api = api();
        for (int i = 0; i < 240; i++) {
            try {
                if (api.get("/health/ready", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server " + name + " did not become ready");
    }

    void stop() throws IOException, InterruptedException {
        command("stop");
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
