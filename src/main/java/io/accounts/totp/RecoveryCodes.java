package io.accounts.totp;

import io.accounts.platform.Digests;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes, each 80 random bits written as {@code XXXX-XXXX-XXXX-XXXX} in base32 letters; only
 * their SHA-256 is stored (80 bits make a search of the hash pointless), and a code is recognised without regard to
 * case or dashes.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private RecoveryCodes() {
    }

    static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(19);
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** True when the text has a recovery code's shape rather than a 6-digit code's. */
    static boolean looksLikeOne(String text) {
        return text != null && normalize(text).matches("[A-Z2-7]{16}");
    }

    static String hash(String code) {
        return Digests.sha256Hex(normalize(code));
    }

    private static String normalize(String code) {
        return code.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
