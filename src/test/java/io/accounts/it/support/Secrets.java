package io.accounts.it.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every secret the tests handled (passwords sent, access and refresh tokens sent or received) and every password
 * hash in the test database: after each integration test class, no line of the server's logs may hold one.
 */
public final class Secrets implements AfterAllCallback {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> FIELDS = Set.of("password", "current_password", "new_password", "token",
            "refresh_token", "authorizationToken", "access_token", "id_token", "client_secret", "code",
            "code_verifier");

    public static void authorization(String value) {
        if (value != null) {
            String token = value.startsWith("Bearer ") ? value.substring(7) : value;
            remember(token);
        }
    }

    public static void body(JsonStructure json) {
        if (json instanceof JsonObject object) {
            object.forEach((name, value) -> {
                if (FIELDS.contains(name) && value instanceof JsonString text) {
                    remember(text.getString());
                } else if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                    body(value.asJsonObject());
                }
            });
        }
    }

    /** A form's values (a token endpoint's code, verifier, refresh token, client secret). */
    public static void form(String form) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && FIELDS.contains(pair.substring(0, equals))) {
                remember(java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private static void remember(String secret) {
        if (secret.length() >= 12) {
            SEEN.add(secret);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> secrets = new ArrayList<>(SEEN);
        secrets.addAll(hashes());
        List<String> leaks = scan(Path.of(System.getProperty("it.server.dir"), "logs"), secrets);
        if (!leaks.isEmpty()) {
            throw new AssertionError("secrets in the server's logs: " + leaks);
        }
    }

    private static List<String> hashes() {
        List<String> hashes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(TestMongo.uri() + "/?serverSelectionTimeoutMS=2000")) {
            client.getDatabase("myDB").getCollection("registrations").find()
                    .forEach((Document user) -> hashes.add(user.getString("password_hash")));
        } catch (RuntimeException e) {
            // the database is down in an outage test: the hashes were checked after earlier classes
        }
        return hashes;
    }

    /** Files under {@code logs} with a line holding a secret, with the secret's first characters. */
    public static List<String> scan(Path logs, List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        if (!Files.isDirectory(logs)) {
            return leaks;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (secret != null && text.contains(secret)) {
                        leaks.add(file.getFileName() + ": " + secret.substring(0, 6) + "...");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaks;
    }

    public static List<String> all() {
        return new ArrayList<>(SEEN);
    }

    public static int count() {
        return SEEN.size();
    }
}
