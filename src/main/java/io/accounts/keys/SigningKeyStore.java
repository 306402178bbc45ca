package io.accounts.keys;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.nosql.QueryMapper;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.List;

import static io.accounts.keys.StoredKey.ACTIVATED;
import static io.accounts.keys.StoredKey.ALG;
import static io.accounts.keys.StoredKey.PRIVATE;
import static io.accounts.keys.StoredKey.PUBLIC;
import static io.accounts.keys.StoredKey.RETIRE_AT;
import static io.accounts.keys.StoredKey.STATE;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code signing_keys} collection ({@link StoredKey}): every node of a deployment signs and verifies with the
 * same keys. Every state change is one conditional update, decided by the database rather than by a node's possibly
 * stale view: only a retiring key can be retired, and a new key retires only keys activated before it, so no
 * sequence of concurrent rotations and retirements leaves the service without an active key.
 */
@ApplicationScoped
public class SigningKeyStore {

    /** What a retirement found. */
    public enum Retirement { RETIRED, ACTIVE, NOT_FOUND }

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    /**
     * Every key of this algorithm that is not retired, newest activation first; of keys activated in the same
     * millisecond (two nodes making the first key at once), the greater kid first, so every node agrees.
     */
    public List<StoredKey> usable(String algorithm) {
        return newestFirst(template.select(StoredKey.class).where("algorithm").eq(algorithm).and("state")
                .in(List.of(StoredKey.ACTIVE, StoredKey.RETIRING)).orderBy("activatedAt"));
    }

    public List<StoredKey> all() {
        return newestFirst(template.select(StoredKey.class).orderBy("activatedAt"));
    }

    private static List<StoredKey> newestFirst(QueryMapper.MapperOrder byActivation) {
        return byActivation.desc().orderBy("kid").desc().result();
    }

    public void insert(StoredKey key) {
        template.insert(key);
    }

    /** Stores material re-sealed the current way (keys written by an earlier version); no private part: none kept. */
    public void reseal(String kid, String privateJwk, String publicJwk) {
        driver.updateWhere(StoredKey.class, Filters.eq(ID, kid), privateJwk == null
                ? Updates.combine(Updates.set(PUBLIC, publicJwk), Updates.unset(PRIVATE))
                : Updates.combine(Updates.set(PRIVATE, privateJwk), Updates.set(PUBLIC, publicJwk)));
    }

    /**
     * Active keys activated before this one (in the order of {@link #usable}: in the same millisecond, those of a
     * smaller kid) start retiring: they verify until {@code retireAt}, never sign again.
     */
    public void retireEarlier(String algorithm, StoredKey newest, Instant retireAt) {
        driver.updateAllWhere(StoredKey.class, Filters.and(Filters.eq(ALG, algorithm),
                        Filters.eq(STATE, StoredKey.ACTIVE), Filters.or(Filters.lt(ACTIVATED, newest.activatedAt()),
                                Filters.and(Filters.eq(ACTIVATED, newest.activatedAt()), Filters.lt(ID, newest.kid())))),
                Updates.combine(Updates.set(STATE, StoredKey.RETIRING), Updates.set(RETIRE_AT, retireAt),
                        Updates.unset(PRIVATE)));
    }

    /** Retires a retiring key at once; an active key is refused (rotate first), whatever this node believed. */
    public Retirement retire(String kid, Instant now) {
        if (driver.updateWhere(StoredKey.class, Filters.and(Filters.eq(ID, kid), Filters.eq(STATE, StoredKey.RETIRING)),
                Updates.combine(Updates.set(STATE, StoredKey.RETIRED), Updates.set(RETIRE_AT, now),
                        Updates.unset(PRIVATE)))) {
            return Retirement.RETIRED;
        }
        return template.find(StoredKey.class, kid).filter(StoredKey::active).map(k -> Retirement.ACTIVE)
                .orElse(Retirement.NOT_FOUND);
    }

    /** Keys whose retiring period has ended become retired. */
    public void retireExpired(Instant now) {
        driver.updateAllWhere(StoredKey.class, Filters.and(Filters.eq(STATE, StoredKey.RETIRING),
                Filters.lte(RETIRE_AT, now)), Updates.combine(Updates.set(STATE, StoredKey.RETIRED), Updates.unset(PRIVATE)));
    }
}
