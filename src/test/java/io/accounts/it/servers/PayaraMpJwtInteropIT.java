package io.accounts.it.servers;

import io.accounts.it.support.PayaraMicro;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * The interoperability contract with Payara's own MicroProfile JWT in a second Payara Micro. Payara caches our JWKS
 * for its {@code Cache-Control: max-age} ({@code jwt.jwks-max-age-seconds}; 5 minutes without one) and never
 * refetches on an unknown kid: a new key must be published at least that long before it signs
 * ({@code jwt.key-publish-seconds}), and a retired key is forgotten when the cached JWKS expires.
 */
class PayaraMpJwtInteropIT extends MpJwtVerifierContract {

    private PayaraMicro payara;

    @Override
    int verifierPort() {
        return Integer.getInteger("it.payara.verifier.port");
    }

    @Override
    void startVerifier(WebArchive app) throws Exception {
        File war = Path.of(System.getProperty("it.payara.dir"), "verifier.war").toFile();
        app.as(ZipExporter.class).exportTo(war, true);
        payara = new PayaraMicro("verifier", war, "verifier", verifierPort(), Map.of());
        payara.start();
    }

    @Override
    void stopVerifier() throws InterruptedException {
        if (payara != null) {
            payara.stop();
        }
    }

    @Override
    void forgetFetchedKeys() throws InterruptedException {
        // the JWKS it fetched expires after jwt.jwks-max-age-seconds (3 s on the test server); then it reads it again
        Thread.sleep((Integer.getInteger("it.jwks.max.age", 3) + 1) * 1000L);
    }
}
