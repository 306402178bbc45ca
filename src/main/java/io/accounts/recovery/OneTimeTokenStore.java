package io.accounts.recovery;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code one_time_tokens} collection: a token is 256 random bits, URL-safe, mailed to its owner; the database
 * keeps its SHA-256 only, with its purpose, its user, the address it was sent to, and when it expires. Using it
 * deletes it in the same operation, so it works once; a TTL index removes the unused ones.
 */
@ApplicationScoped
public class OneTimeTokenStore implements DatabaseSetup {

    static final String COLLECTION = "one_time_tokens";
    private static final String PURPOSE = "purpose";
    private static final String USER = "user";
    private static final String EMAIL = "email";

    /** What a token is for. */
    public enum Purpose { PASSWORD_RESET, EMAIL_VERIFICATION }

    /** A used token: whose, and for which address. */
    public record Redeemed(String userId, String email) {
    }

    @Inject
    MongoDatabase database;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    private MongoCollection<Document> tokens() {
        return database.getCollection(COLLECTION);
    }

    @Override
    public void setUp() {
        tokens().createIndex(Indexes.ascending(EXPIRES_AT), new IndexOptions().name("expired")
                .expireAfter(0L, TimeUnit.SECONDS));
        tokens().createIndex(Indexes.ascending(USER, PURPOSE), new IndexOptions().name("user_purpose"));
    }

    /** A new token for this user and address, valid for {@code ttl}; earlier ones of the same purpose are void. */
    public String issue(Purpose purpose, String userId, String email, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens().deleteMany(Filters.and(Filters.eq(USER, userId), Filters.eq(PURPOSE, purpose.name())));
        tokens().insertOne(new Document(ID, Digests.sha256Hex(token)).append(PURPOSE, purpose.name()).append(USER, userId)
                .append(EMAIL, email).append(EXPIRES_AT, Date.from(clock.instant().plus(ttl))));
        return token;
    }

    /** Uses the token: its user and address if it exists, has this purpose and has not expired; it is gone after. */
    public Optional<Redeemed> redeem(Purpose purpose, String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Document found = tokens().findOneAndDelete(Filters.and(Filters.eq(ID, Digests.sha256Hex(token.strip())),
                Filters.eq(PURPOSE, purpose.name()), Filters.gt(EXPIRES_AT, Date.from(now))));
        return Optional.ofNullable(found).map(d -> new Redeemed(d.getString(USER), d.getString(EMAIL)));
    }
}
