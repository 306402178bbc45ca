package io.accounts.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Second-factor secrets are sealed with or without a configured key, and the generated key stays out of the data. */
public class SealedSecretsTest {

    public static SealedSecrets secrets(Optional<String> keyEncryptionKey, Path keyFile) {
        SealedSecrets secrets = new SealedSecrets();
        secrets.keyEncryptionKey = keyEncryptionKey;
        secrets.keyFile = keyFile.toString();
        return secrets;
    }

    @Test
    void withoutAConfiguredKeyTheServiceGeneratesOneInItsOwnFileAndKeepsIt(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("secrets/secrets.key");
        String sealed = secrets(Optional.empty(), keyFile).seal("totp:u1", "JBSWY3DPEHPK3PXP");
        assertTrue(sealed.startsWith("jwe:"), sealed);
        assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
        assertTrue(Files.exists(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(44, Files.readString(keyFile).length(), "256 bits, base64url, and a newline");
        assertEquals("JBSWY3DPEHPK3PXP", secrets(Optional.empty(), keyFile).open("totp:u1", sealed),
                "the next start reads the same key");
        assertThrows(IllegalStateException.class, () -> secrets(Optional.empty(), keyFile).open("totp:u2", sealed),
                "bound to its user");
        Path other = dir.resolve("other.key");
        assertThrows(IllegalStateException.class, () -> secrets(Optional.empty(), other).open("totp:u1", sealed),
                "another key file (a backup restored elsewhere without it) does not open it");
    }

    @Test
    void withAConfiguredKeyNoFileIsMadeAndSecretsInClearFromEarlierVersionsStillRead(@TempDir Path dir) {
        Path keyFile = dir.resolve("secrets.key");
        SealedSecrets secrets = secrets(Optional.of("a key-encryption key for tests only"), keyFile);
        String sealed = secrets.seal("totp:u1", "JBSWY3DPEHPK3PXP");
        assertTrue(secrets.isSealed(sealed));
        assertEquals("JBSWY3DPEHPK3PXP", secrets.open("totp:u1", sealed));
        assertFalse(Files.exists(keyFile));
        assertFalse(secrets.isSealed("JBSWY3DPEHPK3PXP"));
        assertEquals("JBSWY3DPEHPK3PXP", secrets.open("totp:u1", "JBSWY3DPEHPK3PXP"));
    }

    @Test
    void aKeyFileWithoutAKeyIsAClearStartUpError(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("secrets.key"), "short\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> secrets(Optional.empty(), keyFile).seal("totp:u1", "JBSWY3DPEHPK3PXP"));
        assertTrue(refused.getMessage().contains("secrets.key-file"), refused.getMessage());
    }
}
