package io.accounts.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro the test starts as an operator would ({@code java -jar payara-micro.jar --deploy ...}): the jar the
 * build fetched, one WAR, a port, system properties from a file; its output goes to a log file beside them.
 */
public final class PayaraMicro implements AutoCloseable {

    private final Path dir;
    private final List<String> command;
    private Process process;

    public PayaraMicro(String name, File war, String contextRoot, int port, Map<String, String> properties) throws IOException {
        this.dir = Files.createDirectories(Path.of(System.getProperty("it.payara.dir"), name));
        Path props = dir.resolve("system.properties");
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(props, text);
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", System.getProperty("payara.microJar"), "--deploy", war.getPath(),
                "--contextroot", contextRoot, "--port", Integer.toString(port), "--nocluster", "--disablephonehome",
                "--systemProperties", props.toString(), "--prebootcommandfile",
                Path.of(System.getProperty("it.basedir"), "server-config", "payara-preboot.asadmin").toString()));
    }

    public Path logs() {
        return dir;
    }

    public void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("payara.log").toFile())).start();
    }

    /** Waits until {@code path} answers {@code status}. */
    public void await(URI base, String path, int status) throws InterruptedException {
        Api api = new Api(base);
        Await.until("answer " + status + " at " + path + " from Payara Micro", Duration.ofMinutes(3),
                Duration.ofMillis(500), () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Payara Micro exited; see " + dir.resolve("payara.log"));
                    }
                    return api.get(path, null).status() == status;
                });
    }

    /** A graceful stop (SIGTERM), as an operator's stop is. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
