package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up refuses token settings that would be unsafe, naming the property. */
class JwtConfigTest {

    private static JwtConfig config(JWSAlgorithm algorithm, String secret, long ttl, long skew, long session) {
        return new JwtConfig(algorithm, Optional.ofNullable(secret).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                "https://issuer.example", Optional.empty(), Duration.ofSeconds(ttl), Duration.ofSeconds(skew), Duration.ofSeconds(session));
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> config(JWSAlgorithm.HS256, "31-bytes-secret-is-too-short!!!", 300, 30, 86400));
        assertTrue(error.getMessage().contains("SECRET_KEY"), error.getMessage());
        assertDoesNotThrow(() -> config(JWSAlgorithm.HS256, "x".repeat(32), 300, 30, 86400));
    }

    @Test
    void aSkewAboveTenPercentOfTheLifetimeIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> config(JWSAlgorithm.HS256, null, 300, 31, 86400));
        assertTrue(error.getMessage().contains("jwt.clock-skew"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(JWSAlgorithm.HS256, null, 300, -1, 86400));
        assertDoesNotThrow(() -> config(JWSAlgorithm.HS256, null, 300, 30, 86400));
    }

    @Test
    void otherAlgorithmsAndLifetimesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> config(JWSAlgorithm.HS512, null, 300, 30, 86400));
        assertThrows(IllegalArgumentException.class, () -> config(new JWSAlgorithm("none"), null, 300, 30, 86400));
        assertThrows(IllegalArgumentException.class, () -> config(JWSAlgorithm.HS256, null, 5, 0, 86400));
        assertThrows(IllegalArgumentException.class, () -> config(JWSAlgorithm.HS256, null, 300, 30, 200));
    }
}
