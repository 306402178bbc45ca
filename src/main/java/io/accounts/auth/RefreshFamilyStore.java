package io.accounts.auth;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static io.accounts.auth.RefreshFamily.CURRENT;
import static io.accounts.auth.RefreshFamily.PREVIOUS;
import static io.accounts.auth.RefreshFamily.STATE;
import static io.accounts.auth.RefreshFamily.USER;
import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code refresh_families} collection ({@link RefreshFamily}): one document per login, holding the hash of its
 * current refresh token (never a token). A rotation is one find-and-modify that swaps the current hash only while
 * the family is active and the presented hash is current, so exactly one of concurrent uses wins, and a revocation
 * (one update of the same document) can never be overtaken by a rotation that started before it. A TTL index
 * removes families at their absolute end (the embedded server's expiry sweep acts on it as MongoDB does).
 */
@ApplicationScoped
public class RefreshFamilyStore implements DatabaseSetup {

    /** How many earlier token hashes a family remembers to recognise a reuse. */
    static final int REMEMBERED = 64;

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    @Override
    public void setUp() {
        driver.index(RefreshFamily.class, "user", false, USER);
        driver.expiryIndex(RefreshFamily.class, "ended", EXPIRES_AT, 0);
    }

    public void insert(RefreshFamily family) {
        template.insert(family);
    }

    /**
     * Replaces the current hash with the next one if, at this instant, the family is active, unexpired and
     * {@code hash} is its current token; answers the family as it was then, empty when any of that did not hold.
     * The hot path of the service: the answer carries only what the rotation needs (not the up to 65 token hashes,
     * most of the document), mapped here rather than by JNoSQL (docs/PERFORMANCE.md, "One storage idiom").
     */
    public Optional<RefreshFamily> rotate(String family, String hash, String nextHash, Instant now) {
        return driver.updateAndGetFields(RefreshFamily.class, Filters.and(Filters.eq(ID, family),
                        Filters.eq(CURRENT, hash), Filters.eq(STATE, RefreshFamily.ACTIVE), Filters.gt(EXPIRES_AT, now)),
                Updates.combine(Updates.set(CURRENT, nextHash), Updates.set(RefreshFamily.LAST_USED_AT, Date.from(now)),
                        Updates.pushEach(PREVIOUS, List.of(hash), new PushOptions().slice(-REMEMBERED))),
                USER, RefreshFamily.TOKEN_VERSION, STATE, RefreshFamily.AUTH_TIME, EXPIRES_AT, RefreshFamily.CLIENT,
                RefreshFamily.SCOPE)
                .map(before -> new RefreshFamily(family, (String) before.get(USER),
                        before.get(RefreshFamily.TOKEN_VERSION) instanceof Number version ? version.longValue() : 0,
                        (String) before.get(STATE), null, null, instant(before.get(RefreshFamily.AUTH_TIME)),
                        instant(before.get(EXPIRES_AT)), null, null, null, null, null, null,
                        (String) before.get(RefreshFamily.CLIENT), (String) before.get(RefreshFamily.SCOPE)));
    }

    private static Instant instant(Object stored) {
        return ((Date) stored).toInstant();
    }

    public Optional<RefreshFamily> find(String family) {
        return template.find(RefreshFamily.class, family);
    }

    /**
     * Keeps the pair a rotation answered (sealed), and the hash of the token it retired, while that rotation's token
     * is still the family's current one: a retry of that rotation within the grace gets it again.
     */
    public void rememberSuccessor(String family, String retiredHash, String currentHash, String sealedPair) {
        driver.updateWhere(RefreshFamily.class, Filters.and(Filters.eq(ID, family), Filters.eq(CURRENT, currentHash)),
                Updates.combine(Updates.set(RefreshFamily.SUCCESSOR_OF, retiredHash),
                        Updates.set(RefreshFamily.SUCCESSOR, sealedPair)));
    }

    /** The user's sessions that can still be used at {@code now}, newest first. */
    public List<RefreshFamily> activeOf(String user, Instant now) {
        return template.select(RefreshFamily.class).where("userId").eq(user).and("state").eq(RefreshFamily.ACTIVE)
                .<RefreshFamily>result().stream().filter(family -> family.active(now))
                .sorted(Comparator.comparing(RefreshFamily::createdAt).reversed()).toList();
    }

    /** Ends a family; its current token and any rotation that has not swapped yet fail from now on. */
    public void revoke(String family) {
        driver.updateWhere(RefreshFamily.class, Filters.eq(ID, family), Updates.set(STATE, RefreshFamily.REVOKED));
    }

    /** Ends every family of a user. */
    public void revokeUser(String user) {
        driver.updateAllWhere(RefreshFamily.class, Filters.and(Filters.eq(USER, user),
                Filters.eq(STATE, RefreshFamily.ACTIVE)), Updates.set(STATE, RefreshFamily.REVOKED));
    }
}
