package io.accounts.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 as authenticator apps use it: HMAC-SHA-1, 6 digits, 30-second steps (java-otp), secrets in base32
 * (commons-codec), one step of drift tolerated either way. A code is identified by its time step, so that a step
 * used once can be refused the second time.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);

    private TotpCodes() {
    }

    static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    static byte[] secret(String base32) {
        return new Base32().decode(base32);
    }

    /** The provisioning URI authenticator apps read from a QR code: {@code otpauth://totp/Issuer:account?...}. */
    static String otpauthUri(String issuer, String account, String base32) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    /** The code for one time step. */
    static String code(byte[] secret, long step) {
        try {
            int value = GENERATOR.generateOneTimePassword(new SecretKeySpec(secret, "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP.toSeconds()));
            return String.format("%0" + DIGITS + "d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a TOTP secret is not a usable HMAC key", e);
        }
    }

    static long step(Instant now) {
        return now.getEpochSecond() / STEP.toSeconds();
    }

    /** The step (now, or one either side) whose code this is; empty when it is none of them. */
    static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
