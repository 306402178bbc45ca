package io.accounts.it;

import com.nimbusds.jwt.SignedJWT;
import io.accounts.it.verifier.VerifierApplication;
import io.accounts.it.verifier.WhoAmIResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real test of "MicroProfile JWT compatible": Open Liberty's own mpJwt-2.1, in a second server whose
 * application is configured only with our JWKS URL, issuer and algorithm (MP-JWT assumes RS256 unless told;
 * ours is ES256), accepts our access tokens, reads {@code upn} and
 * {@code groups} ({@code @RolesAllowed} works), and refuses them once our key is retired.
 */
class MpJwtInteropIT extends DeployedService {

    private final Api verifier = new Api(URI.create("http://localhost:" + Integer.getInteger("it.verifier.port") + "/verifier/"));

    private static WebArchive verifierApp() {
        String config = "mp.jwt.verify.publickey.location=http://localhost:" + Integer.getInteger("it.http.port")
                + "/.well-known/jwks.json\nmp.jwt.verify.issuer=" + System.getProperty("it.issuer") + "\n"
                // MP-JWT's default algorithm is RS256; ours is ES256 (with JWT_ALGORITHM=RS256 the two lines above suffice)
                + "mp.jwt.verify.publickey.algorithm=ES256\n";
        return ShrinkWrap.create(WebArchive.class, "verifier.war")
                .addClasses(VerifierApplication.class, WhoAmIResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    private static void server(String action) throws IOException, InterruptedException {
        String wlp = System.getProperty("it.wlp");
        Process process = new ProcessBuilder(wlp + "/bin/server", action, "verifier").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(wlp, "usr/servers/verifier/command.log"))).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "server " + action + " finished");
    }

    private void awaitVerifier() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            try {
                if (verifier.get("whoami", null).status() == 401) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the verifier application did not start");
    }

    @Test
    void aStockVerifierAcceptsOurTokensReadsTheirClaimsAndRefusesThemAfterRetirement() throws Exception {
        File dropins = new File(System.getProperty("it.wlp"), "usr/servers/verifier/dropins");
        assertTrue(dropins.isDirectory() || dropins.mkdirs());
        verifierApp().as(ZipExporter.class).exportTo(new File(dropins, "verifier.war"), true);
        server("start");
        try {
            awaitVerifier();
            Accounts.Account user = accounts.create("interop");
            Accounts.Account admin = accounts.admin();

            Api.Reply whoami = verifier.get("whoami", user.bearer());
            assertEquals(200, whoami.status(), whoami::toString);
            assertEquals(user.email() + " [user]", whoami.response().body());
            assertEquals(403, verifier.get("admin", user.bearer()).status(), "@RolesAllowed reads our groups");
            Api.Reply asAdmin = verifier.get("admin", admin.bearer());
            assertEquals(200, asAdmin.status(), asAdmin::toString);
            assertEquals(401, verifier.get("whoami", "Bearer " + new TestTokens().foreignKey("0123456789abcdef01234567"))
                    .status(), "a token not signed by our key is refused");

            String oldKid = SignedJWT.parse(user.token()).getHeader().getKeyID();
            assertEquals(200, api.post("/keys/rotate", admin.bearer(), null).status());
            Accounts.Account afterRotation = accounts.create("interop-new-key");
            assertEquals(200, verifier.get("whoami", afterRotation.bearer()).status(), "a token of the new key");
            assertEquals(200, verifier.get("whoami", user.bearer()).status(), "the old key still verifies");

            assertEquals(204, api.delete("/keys/" + oldKid, accounts.admin().bearer()).status());
            // Liberty keeps the JWKs it has fetched; a verifier that reads our JWKS after the retirement (here:
            // the same one, restarted) no longer finds the key and refuses the token
            server("stop");
            server("start");
            awaitVerifier();
            Api.Reply retired = verifier.get("whoami", user.bearer());
            assertEquals(401, retired.status(), "once retired, our key verifies nothing there either: " + retired);
            assertEquals(200, verifier.get("whoami", afterRotation.bearer()).status(), "the current key still does");
        } finally {
            server("stop");
        }
    }
}
