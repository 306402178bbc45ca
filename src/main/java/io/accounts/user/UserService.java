package io.accounts.user;

import io.accounts.security.FreshSignIn;
import io.accounts.security.JwtPrincipal;
import io.accounts.throttle.RecoveryThrottle;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.mail.Mailer;
import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.MongoErrors;
import io.accounts.platform.Paging;
import io.accounts.platform.store.DatabaseSetups;
import io.accounts.security.Roles;
import io.accounts.throttle.RegistrationThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of accounts: registration with a hashed password (throttled per address), one account per address
 * (the unique index decides, so concurrent registrations cannot both win, and no write is taken before the index
 * exists), reading, updating and deleting by id, and an admin always remaining.
 */
@ApplicationScoped
public class UserService {

    static final String NO_SUCH_USER = "No user has this id.";

    @Inject
    Event<EmailChanged> emailChanged;

    @Inject
    Mailer mailer;

    @Inject
    UserRepository users;

    @Inject
    UserStore store;

    @Inject
    UserCache cache;

    @Inject
    FreshSignIn freshSignIn;

    @Inject
    RecoveryThrottle recoveryThrottle;

    @Inject
    PasswordHasher hasher;

    @Inject
    RegistrationThrottle registrationThrottle;

    @Inject
    DatabaseSetups startup;

    @Inject
    Clock clock;

    @Inject
    Event<UserChanged> changed;

    @Inject
    SecurityEvents events;

    public Registered register(NewUser request, String clientAddress) {
        startup.requireDatabase();
        registrationThrottle.take(clientAddress);
        User user = request.toEntity(hasher.hash(request.password()), clock.instant());
        Registered registered = Registered.from(insert(user));
        events.record(EventType.REGISTER, registered.id(), Map.of());
        changed.fire(new UserChanged(registered.id(), UserChanged.Kind.REGISTERED));
        return registered;
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
        return UserView.from(cache.find(UserIds.require(id, "id")).orElseThrow(UserService::noSuchUser));
    }

    /** Replaces the names and the email; a new email is a sensitive change (a recent sign-in of the caller). */
    public UserView update(String id, UserUpdate request, JwtPrincipal caller) {
        String userId = UserIds.require(id, "id");
        startup.requireDatabase();
        User current = cache.find(userId).orElseThrow(UserService::noSuchUser);
        if (!current.getEmail().equals(request.email())) {
            freshSignIn.require(caller);
            recoveryThrottle.emailChange(userId);
            if (mailer.enabled() && !mailer.hasRoom()) {
                // the new address must get its verification mail: a change that cannot send it is not made
                throw Mailer.queueFull();
            }
        }
        UserStore.ProfileChange change;
        try {
            change = store.setProfile(userId, request.firstName(), request.lastName(), request.email());
        } catch (RuntimeException e) {
            throw emailTaken(e);
        }
        if (change == UserStore.ProfileChange.NOT_FOUND) {
            throw noSuchUser();
        }
        boolean newEmail = change == UserStore.ProfileChange.NEW_EMAIL;
        events.record(EventType.UPDATE_PROFILE, userId, Map.of("email_changed", String.valueOf(newEmail)));
        changed.fire(new UserChanged(userId, newEmail ? UserChanged.Kind.EMAIL : UserChanged.Kind.PROFILE));
        if (newEmail) {
            events.record(EventType.EMAIL_CHANGE, userId, Map.of());
            emailChanged.fire(new EmailChanged(userId, current.getEmail(), request.email()));
        }
        return get(userId);
    }

    /** Deletes the account; 409 for the last admin. */
    public void delete(String id) {
        String userId = UserIds.require(id, "id");
        require(userId, store.delete(userId));
        events.record(EventType.DELETE_ACCOUNT, userId, Map.of());
        changed.fire(new UserChanged(userId, UserChanged.Kind.DELETED));
    }

    /** Replaces the roles; earlier tokens, which carry the old roles, stop working. 409 for the last admin. */
    public UserView changeRoles(String id, RoleChange request) {
        List<String> unknown = request.roles().stream().filter(r -> !Roles.ALL.contains(r)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalidField("roles", "unknown role(s) " + unknown + "; known: " + Roles.ALL);
        }
        String userId = UserIds.require(id, "id");
        List<String> roles = request.roles().stream().distinct().sorted().toList();
        require(userId, store.setRoles(userId, roles));
        events.record(EventType.ROLE_CHANGE, userId, Map.of("roles", String.join(",", roles)));
        changed.fire(new UserChanged(userId, UserChanged.Kind.ROLES));
        return get(userId);
    }

    public Optional<User> findByEmail(String email) {
        return users.findByEmail(Emails.normalize(email));
    }

    /** The user as stored now (not as cached); empty for an unknown or malformed id. */
    public Optional<User> findCurrent(String id) {
        return UserIds.isValid(id) ? users.findById(id) : Optional.empty();
    }

    public User require(String id) {
        return users.findById(UserIds.require(id, "id")).orElseThrow(UserService::noSuchUser);
    }

    public UserPage list(String limit, String after) {
        int size = Paging.limit(limit);
        String cursor = after == null ? null : UserIds.require(after, "after");
        List<User> page = store.page(cursor, size + 1);
        String next = page.size() > size ? page.get(size - 1).getId() : null;
        return new UserPage("Success", page.stream().limit(size).map(UserView::from).toList(), next);
    }

    private void require(String userId, UserStore.Outcome outcome) {
        switch (outcome) {
            case NOT_FOUND -> throw noSuchUser();
            case LAST_ADMIN -> {
                changed.fire(new UserChanged(userId, UserChanged.Kind.UNDONE));
                throw ApiException.conflict("This is the last admin: make another user admin first.");
            }
            case DONE -> {
            }
        }
    }

    /** 409 when the unique email index refused a write, the failure itself otherwise. */
    static RuntimeException emailTaken(RuntimeException e) {
        return MongoErrors.isDuplicateKey(e) ? ApiException.conflict("This email is already registered.") : e;
    }

    static ApiException noSuchUser() {
        return ApiException.notFound(NO_SUCH_USER);
    }
}
