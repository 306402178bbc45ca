package io.accounts.it.servers;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interoperability contract with Open Liberty's own {@code mpJwt-2.1} in a second Liberty server (the one in
 * {@code src/test/liberty-verifier}). Liberty keeps the keys it has fetched: it forgets a retired key when it
 * restarts.
 */
class MpJwtInteropIT extends MpJwtVerifierContract {

    @Override
    int verifierPort() {
        return Integer.getInteger("it.verifier.port");
    }

    @Override
    void startVerifier(WebArchive app) throws IOException, InterruptedException {
        File dropins = new File(System.getProperty("it.wlp"), "usr/servers/verifier/dropins");
        assertTrue(dropins.isDirectory() || dropins.mkdirs());
        app.as(ZipExporter.class).exportTo(new File(dropins, "verifier.war"), true);
        server("start");
    }

    @Override
    void stopVerifier() throws IOException, InterruptedException {
        server("stop");
    }

    @Override
    void forgetFetchedKeys() throws IOException, InterruptedException {
        server("stop");
        server("start");
        awaitVerifier();
    }

    private static void server(String action) throws IOException, InterruptedException {
        String wlp = System.getProperty("it.wlp");
        Process process = new ProcessBuilder(wlp + "/bin/server", action, "verifier").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(wlp, "usr/servers/verifier/command.log"))).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "server " + action + " finished");
    }
}
