package io.accounts.auth;

import io.accounts.keys.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * A refresh token as it travels: {@code <family>.<generation>.<mac>}, the MAC an HMAC-SHA-256 of the first two parts
 * under a key derived from the service's sealing secret ({@link SealedSecrets#derivedKey}). The family stores only
 * its current generation: a token is checked without a read, the rotation swaps a number, and every older
 * generation of the family (not only the last 64 hashes) is recognised as a reuse. Whoever holds the key could mint
 * refresh tokens, as whoever holds the signing key could mint access tokens; neither is in the database.
 */
@ApplicationScoped
public class RefreshTokenCodec {

    private static final String HMAC = "HmacSHA256";
    static final String PURPOSE = "refresh-token-mac v1";

    @Inject
    SealedSecrets secrets;

    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** A token of this generation of the family. */
    public String token(String family, long generation) {
        String signed = family + "." + generation;
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(signed));
    }

    /** The family and generation a token names, when its MAC holds; empty for anything else (a guess, garbage). */
    public Optional<Generation> read(String token) {
        int first = token.indexOf('.');
        int second = first < 1 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0
                || second - first < 2 || second - first > 19) {
            return Optional.empty();
        }
        long generation;
        try {
            generation = Long.parseLong(token, first + 1, second, 10);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (generation < 1 || !MessageDigest.isEqual(presented, mac(token.substring(0, second)))) {
            return Optional.empty();
        }
        return Optional.of(new Generation(token.substring(0, first), generation));
    }

    /** A token of the format before generations ({@code <family>.<secret>}): accepted for one session lifetime. */
    static boolean isLegacy(String token) {
        int dot = token.indexOf('.');
        return dot > 0 && dot < token.length() - 1 && token.indexOf('.', dot + 1) < 0;
    }

    private byte[] mac(String signed) {
        return macs.get().doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        if (key == null) {
            key = new SecretKeySpec(secrets.derivedKey(PURPOSE), HMAC);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a token with a valid MAC names. */
    public record Generation(String family, long generation) {
    }
}
