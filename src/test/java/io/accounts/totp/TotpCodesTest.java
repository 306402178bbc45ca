package io.accounts.totp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6238's SHA-1 vectors (6 digits of them), the drift window, base32 and the recovery codes' shape. */
class TotpCodesTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfc6238VectorsHold() {
        assertEquals("287082", TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("005924", TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(1234567890))));
    }

    @Test
    void oneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = TotpCodes.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertEquals(step + offset, TotpCodes.matchingStep(RFC_SECRET, TotpCodes.code(RFC_SECRET, step + offset), now)
                    .getAsLong());
        }
        assertTrue(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.code(RFC_SECRET, step + 2), now).isEmpty());
        assertTrue(TotpCodes.matchingStep(RFC_SECRET, "12345", now).isEmpty());
        assertTrue(TotpCodes.matchingStep(RFC_SECRET, null, now).isEmpty());
    }

    @Test
    void secretsTravelInBase32AndTheUriIsWhatAppsRead() {
        String base32 = TotpCodes.base32(RFC_SECRET);
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", base32);
        assertEquals(new String(RFC_SECRET, StandardCharsets.US_ASCII),
                new String(TotpCodes.secret(base32), StandardCharsets.US_ASCII));
        assertEquals("otpauth://totp/User%20accounts:ada%40example.com?secret=" + base32
                        + "&issuer=User%20accounts&algorithm=SHA1&digits=6&period=30",
                TotpCodes.otpauthUri("User accounts", "ada@example.com", base32));
    }

    @Test
    void recoveryCodesAreTenDistinctAndRecognisedWithoutRegardToCaseOrDashes() {
        List<String> codes = RecoveryCodes.generate(new SecureRandom());
        assertEquals(10, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"), code);
            assertTrue(RecoveryCodes.looksLikeOne(code.toLowerCase().replace("-", "")));
            assertEquals(RecoveryCodes.hash(code), RecoveryCodes.hash(code.toLowerCase()));
        }
        assertFalse(RecoveryCodes.looksLikeOne("123456"));
    }
}
