package io.accounts.auth;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import io.accounts.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.conversions.Bson;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.accounts.auth.RefreshFamily.CURRENT;
import static io.accounts.auth.RefreshFamily.GENERATION;
import static io.accounts.auth.RefreshFamily.PREVIOUS;
import static io.accounts.auth.RefreshFamily.STATE;
import static io.accounts.auth.RefreshFamily.USER;
import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code refresh_families} collection ({@link RefreshFamily}): one document per login, holding its current
 * generation (never a token). A rotation is one find-and-modify that moves the generation on only while the family
 * is active and the presented generation is current, so exactly one of concurrent uses wins, and a revocation
 * (one update of the same document) can never be overtaken by a rotation that started before it. A TTL index
 * removes families at their absolute end (the embedded server's expiry sweep acts on it as MongoDB does).
 */
@ApplicationScoped
public class RefreshFamilyStore implements DatabaseSetup {

    /** How many earlier token hashes a family begun before generations remembers to recognise a reuse. */
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
     * Moves the family from {@code generation} to the next if, at this instant, it is active, unexpired and at that
     * generation; answers the family as it was then (its owner's claims included, so no user is read), empty when
     * any of that did not hold. The hot path of the service: one find-and-modify of a small document, the answer
     * projected and mapped here rather than by JNoSQL (docs/PERFORMANCE.md).
     */
    public Optional<RefreshFamily> rotate(String family, long generation, Instant now) {
        return driver.updateAndGetFields(RefreshFamily.class, Filters.and(Filters.eq(ID, family),
                        Filters.eq(GENERATION, generation), Filters.eq(STATE, RefreshFamily.ACTIVE),
                        Filters.gt(EXPIRES_AT, now)),
                Updates.combine(Updates.set(GENERATION, generation + 1),
                        Updates.set(RefreshFamily.LAST_USED_AT, Date.from(now))),
                ROTATION_FIELDS).map(before -> family(family, before));
    }

    /**
     * The first rotation of a family begun before generations ({@code <family>.<secret>} tokens): swaps its current
     * hash for generation 1 and the owner's claims, and keeps the retired hash with the earlier ones, so that any
     * token of the old form is a reuse from then on.
     */
    public Optional<RefreshFamily> rotateLegacy(String family, String hash, User owner, Instant now) {
        return driver.updateAndGetFields(RefreshFamily.class, Filters.and(Filters.eq(ID, family),
                        Filters.eq(CURRENT, hash), Filters.eq(STATE, RefreshFamily.ACTIVE), Filters.gt(EXPIRES_AT, now)),
                Updates.combine(Updates.set(GENERATION, 1L), Updates.unset(CURRENT),
                        Updates.set(RefreshFamily.LAST_USED_AT, Date.from(now)), claims(owner),
                        Updates.pushEach(PREVIOUS, List.of(hash), new PushOptions().slice(-REMEMBERED))),
                ROTATION_FIELDS).map(before -> family(family, before));
    }

    /** The owner's claims as the user's families keep them: after a change of name, address or its verification. */
    public void updateClaims(User owner) {
        driver.updateAllWhere(RefreshFamily.class, Filters.and(Filters.eq(USER, owner.getId()),
                Filters.eq(STATE, RefreshFamily.ACTIVE)), claims(owner));
    }

    private static Bson claims(User owner) {
        return Updates.combine(Updates.set(RefreshFamily.FIRST_NAME, owner.getFirstName()),
                Updates.set(RefreshFamily.LAST_NAME, owner.getLastName()),
                Updates.set(RefreshFamily.EMAIL, owner.getEmail()), Updates.set(RefreshFamily.ROLES, owner.getRoles()),
                Updates.set(RefreshFamily.EMAIL_VERIFIED, owner.isEmailVerified()));
    }

    private static final String[] ROTATION_FIELDS = {USER, RefreshFamily.TOKEN_VERSION, STATE,
            RefreshFamily.AUTH_TIME, EXPIRES_AT, RefreshFamily.CLIENT, RefreshFamily.SCOPE, RefreshFamily.FIRST_NAME,
            RefreshFamily.LAST_NAME, RefreshFamily.EMAIL, RefreshFamily.ROLES, RefreshFamily.EMAIL_VERIFIED};

    @SuppressWarnings("unchecked")
    private static RefreshFamily family(String family, Map<String, Object> before) {
        return new RefreshFamily(family, (String) before.get(USER),
                before.get(RefreshFamily.TOKEN_VERSION) instanceof Number version ? version.longValue() : 0,
                (String) before.get(STATE), null, null, instant(before.get(RefreshFamily.AUTH_TIME)),
                instant(before.get(EXPIRES_AT)), null, null, null, null, null, null,
                (String) before.get(RefreshFamily.CLIENT), (String) before.get(RefreshFamily.SCOPE), null,
                (String) before.get(RefreshFamily.FIRST_NAME), (String) before.get(RefreshFamily.LAST_NAME),
                (String) before.get(RefreshFamily.EMAIL), (List<String>) before.get(RefreshFamily.ROLES),
                (Boolean) before.get(RefreshFamily.EMAIL_VERIFIED));
    }

    private static Instant instant(Object stored) {
        return ((Date) stored).toInstant();
    }

    public Optional<RefreshFamily> find(String family) {
        return template.find(RefreshFamily.class, family);
    }

    /**
     * Keeps the pair a rotation answered (sealed), and the generation it retired, while that rotation's token is
     * still the family's current one: a retry of that rotation within the grace gets it again.
     */
    public void rememberSuccessor(String family, long retired, String sealedPair) {
        driver.updateWhere(RefreshFamily.class, Filters.and(Filters.eq(ID, family), Filters.eq(GENERATION, retired + 1)),
                Updates.combine(Updates.set(RefreshFamily.SUCCESSOR_OF, String.valueOf(retired)),
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
