package io.accounts.user;

import io.accounts.platform.ApiException;
import io.accounts.platform.MongoErrors;
import io.accounts.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The rules of accounts: registration with a hashed password, one account per address (the unique index
 * decides, so concurrent registrations cannot both win), reading, updating and deleting by id.
 */
@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;

    @Inject
    UserStore store;

    @Inject
    UserCache cache;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    @Inject
    Event<UserChanged> changed;

    public Registered register(NewUser request) {
        User user = request.toEntity(hasher.hash(request.password()), clock.instant());
        return Registered.from(insert(user));
    }

    /** Inserts a new account; 409 when its address is taken. */
    public User insert(User user) {
        try {
            return users.insert(user);
        } catch (RuntimeException e) {
            throw emailTaken(e);
        }
    }

    public UserView get(String id) {
        return UserView.from(cache.find(UserIds.require(id, "id"))
                .orElseThrow(UserService::noSuchUser));
    }

    public UserView update(String id, UserUpdate request) {
        String userId = UserIds.require(id, "id");
        boolean found;
        try {
            found = store.setProfile(userId, request.firstName(), request.lastName(), request.email());
        } catch (RuntimeException e) {
            throw emailTaken(e);
        }
        if (!found) {
            throw noSuchUser();
        }
        changed.fire(new UserChanged(userId, UserChanged.Kind.PROFILE));
        return get(userId);
    }

    public void delete(String id) {
        String userId = UserIds.require(id, "id");
        if (!store.delete(userId)) {
            throw noSuchUser();
        }
        changed.fire(new UserChanged(userId, UserChanged.Kind.DELETED));
    }

    /**
     * Sets a new password. Users changing their own must give the current one; an admin may reset another's.
     * Every earlier access token and every refresh token of the user stops working.
     */
    public void changePassword(String id, PasswordChange request, String callerId) {
        User user = require(id);
        if (user.getId().equals(callerId)) {
            if (request.currentPassword() == null) {
                throw ApiException.invalidField("current_password", "must not be null");
            }
            if (!hasher.verify(user.getPasswordHash(), request.currentPassword())) {
                throw ApiException.invalidField("current_password", "is incorrect");
            }
        }
        if (!store.setPassword(user.getId(), hasher.hash(request.newPassword()), true)) {
            throw noSuchUser();
        }
        changed.fire(new UserChanged(user.getId(), UserChanged.Kind.PASSWORD));
    }

    /** Replaces the roles; earlier tokens, which carry the old roles, stop working. */
    public UserView changeRoles(String id, RoleChange request) {
        List<String> unknown = request.roles().stream().filter(r -> !Roles.ALL.contains(r)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalidField("roles", "unknown role(s) " + unknown + "; known: " + Roles.ALL);
        }
        String userId = UserIds.require(id, "id");
        if (!store.setRoles(userId, request.roles().stream().distinct().sorted().toList())) {
            throw noSuchUser();
        }
        changed.fire(new UserChanged(userId, UserChanged.Kind.ROLES));
        return get(userId);
    }

    /** Stores a hash made with the current argon2 parameters after a login proved the password. */
    public void rehash(User user, String hash) {
        store.setPassword(user.getId(), hash, false);
    }

    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email);
    }

    /** The user by id as cached for the hot paths: at most {@code revocation.cache-seconds} old. */
    public Optional<User> find(String id) {
        return cache.find(id);
    }

    public User require(String id) {
        return users.findById(UserIds.require(id, "id"))
                .orElseThrow(UserService::noSuchUser);
    }

    /** 409 when the unique email index refused a write, the failure itself otherwise. */
    private static RuntimeException emailTaken(RuntimeException e) {
        return MongoErrors.isDuplicateKey(e) ? ApiException.conflict("This email is already registered.") : e;
    }

    private static ApiException noSuchUser() {
        return ApiException.notFound("No user has this id.");
    }

    public UserPage list(String limit, String after) {
        int size = Paging.limit(limit);
        String cursor = after == null ? null : UserIds.require(after, "after");
        var page = store.page(cursor, size + 1);
        String next = page.size() > size ? page.get(size - 1).getId() : null;
        return new UserPage("Success", page.stream().limit(size).map(UserView::from).toList(), next);
    }
}
