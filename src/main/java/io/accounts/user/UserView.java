package io.accounts.user;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never a password or hash. */
public record UserView(String id, String firstName, String lastName, String email, List<String> roles,
                       Instant createdAt, boolean emailVerified, boolean totpEnabled) {

    public static UserView from(User user) {
        return new UserView(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(),
                user.getRoles(), user.getCreatedAt(), user.isEmailVerified(), user.isTotpEnabled());
    }
}
