package io.accounts.it.servers;

import com.nimbusds.jwt.SignedJWT;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestTokens;
import io.accounts.it.support.verifier.VerifierApplication;
import io.accounts.it.support.verifier.WhoAmIResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a stock MicroProfile JWT verifier of another server does with our tokens: its application is configured only
 * with our JWKS URL and issuer (and the algorithm, which MP-JWT assumes is RS256 unless told; ours is ES256); it
 * accepts our access tokens, reads {@code upn} and {@code groups} ({@code @RolesAllowed} works), refuses a token of
 * another key, accepts a rotated key's tokens (published before it signs) and refuses a retired key's. Each server's
 * verifier is a subclass: how it is started, and how it learns that a key is gone.
 */
abstract class MpJwtVerifierContract extends DeployedService {

    protected final Api verifier = new Api(URI.create("http://localhost:" + verifierPort() + "/verifier/"));

    abstract int verifierPort();

    abstract void startVerifier(WebArchive app) throws Exception;

    abstract void stopVerifier() throws Exception;

    /** After a retirement: until the verifier has read the JWKS again, it may still know the retired key. */
    abstract void forgetFetchedKeys() throws Exception;

    static WebArchive verifierApp() {
        String config = "mp.jwt.verify.publickey.location=http://localhost:" + Integer.getInteger("it.http.port")
                + "/.well-known/jwks.json\nmp.jwt.verify.issuer=" + System.getProperty("it.issuer") + "\n"
                // MP-JWT's default algorithm is RS256; ours is ES256 (with JWT_ALGORITHM=RS256 the two lines above suffice)
                + "mp.jwt.verify.publickey.algorithm=ES256\n";
        return ShrinkWrap.create(WebArchive.class, "verifier.war")
                .addClasses(VerifierApplication.class, WhoAmIResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    void awaitVerifier() throws InterruptedException {
        Await.until("start of the verifier application", Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> verifier.get("whoami", null).status() == 401);
    }

    /** Waits until the key has become the signing key (it was published {@code jwt.key-publish-seconds} before). */
    private void awaitSigning(String kid) throws InterruptedException {
        Await.until("signing with key " + kid, Duration.ofSeconds(30), Duration.ofMillis(250),
                () -> api.get("/keys", accounts.admin().bearer()).json().getJsonArray("data").stream()
                        .map(k -> k.asJsonObject())
                        .anyMatch(k -> k.getString("kid").equals(kid) && k.getString("state").equals("active")));
    }

    @Test
    void aStockVerifierAcceptsOurTokensReadsTheirClaimsFollowsRotationAndRefusesRetiredKeys() throws Exception {
        startVerifier(verifierApp());
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
            Api.Reply rotated = api.post("/keys/rotate", admin.bearer(), null);
            assertEquals(200, rotated.status(), rotated::toString);
            assertEquals("published", rotated.data().getString("state"), "in the JWKS before it signs");
            awaitSigning(rotated.data().getString("kid"));
            Accounts.Account afterRotation = accounts.create("interop-new-key");
            assertEquals(rotated.data().getString("kid"), SignedJWT.parse(afterRotation.token()).getHeader().getKeyID());
            assertEquals(200, verifier.get("whoami", afterRotation.bearer()).status(),
                    "a token of the new key, which the verifier fetched while it was published");
            assertEquals(200, verifier.get("whoami", user.bearer()).status(), "the old key still verifies");

            assertEquals(204, api.delete("/keys/" + oldKid, accounts.admin().bearer()).status());
            forgetFetchedKeys();
            Api.Reply retired = verifier.get("whoami", user.bearer());
            assertEquals(401, retired.status(), "once retired, our key verifies nothing there either: " + retired);
            assertEquals(200, verifier.get("whoami", afterRotation.bearer()).status(), "the current key still does");
        } finally {
            stopVerifier();
        }
    }
}
