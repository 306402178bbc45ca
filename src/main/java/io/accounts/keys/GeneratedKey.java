package io.accounts.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret the service makes for itself when none is configured: 256 random bits, base64url, in a file readable by
 * the server's user only, created once (atomically: of servers sharing the file, the first one's key stays) and read
 * at every later start.
 */
final class GeneratedKey {

    private GeneratedKey() {
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bits = new byte[32];
            new SecureRandom().nextBytes(bits);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".partial");
            try {
                ownerOnly(partial);
                Files.writeString(partial, key + "\n", StandardCharsets.US_ASCII);
                try {
                    // a hard link appears whole or not at all, and never replaces a file that is there
                    Files.createLink(file, partial);
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(partial, file);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file + " (secrets.key-file)", e);
        }
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (key.length() < 43) {
            throw new IllegalStateException("the key file " + file + " (secrets.key-file) holds no key of 256 bits");
        }
        return key;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits its directory's access list
        }
    }
}
