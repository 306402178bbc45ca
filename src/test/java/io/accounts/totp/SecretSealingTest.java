package io.accounts.totp;

import io.accounts.keys.SealedSecrets;
import io.accounts.keys.SealedSecretsTest;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets an earlier version stored in clear are sealed at start-up, under the generated key when none is set. */
class SecretSealingTest {

    private static WireProtocolServer mongo;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void secretsInClearAreSealedOnceAndStillOpen(@TempDir Path dir) {
        TotpStore store = new TotpStore();
        store.template = StoreKit.template(mongo.client(), "sealing");
        store.driver = StoreKit.driver(mongo.client(), "sealing");
        store.setPending("u1", "JBSWY3DPEHPK3PXP");
        assertTrue(store.activate("u1", "JBSWY3DPEHPK3PXP", 1, List.of(), Instant.now()));
        store.setPending("u1", "KRSXG5CTMVRXEZLU");
        SealedSecrets secrets = SealedSecretsTest.secrets(Optional.empty(), dir.resolve("secrets.key"));
        SecretSealing sealing = new SecretSealing();
        sealing.store = store;
        sealing.secrets = secrets;

        sealing.setUp();
        TotpFactor factor = store.find("u1").orElseThrow();
        assertTrue(secrets.isSealed(factor.secret()) && secrets.isSealed(factor.pending()), factor.toString());
        assertEquals("JBSWY3DPEHPK3PXP", secrets.open(TotpService.boundTo("u1"), factor.secret()));
        assertEquals("KRSXG5CTMVRXEZLU", secrets.open(TotpService.boundTo("u1"), factor.pending()));
        sealing.setUp();
        assertEquals(factor, store.find("u1").orElseThrow(), "sealed once: the second start changes nothing");
    }

    @Test
    void aSecretSealedUnderAnotherKeyIs503NotAWrongCode(@TempDir Path dir) {
        TotpStore store = new TotpStore();
        store.template = StoreKit.template(mongo.client(), "restored");
        store.driver = StoreKit.driver(mongo.client(), "restored");
        SealedSecrets original = SealedSecretsTest.secrets(Optional.empty(), dir.resolve("original.key"));
        String sealed = original.seal(TotpService.boundTo("u1"), "JBSWY3DPEHPK3PXP");
        store.setPending("u1", sealed);
        assertTrue(store.activate("u1", sealed, 1, List.of(), Instant.now()));
        TotpService service = new TotpService();
        service.store = store;
        service.secrets = SealedSecretsTest.secrets(Optional.empty(), dir.resolve("another.key"));
        service.clock = Clock.systemUTC();
        ApiException unavailable = assertThrows(ApiException.class, () -> service.check("u1", "123456"));
        assertEquals(503, unavailable.status(), "the backup restored without its key: the server's fault");
        assertEquals(0, store.find("u1").orElseThrow().failureCount(), "not counted as a wrong code");
    }
}
