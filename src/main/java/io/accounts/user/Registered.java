package io.accounts.user;

/** The tutorial's registration answer: the new id and the names, nothing more. */
public record Registered(String id, String firstName, String lastName, String email) {

    static Registered from(User user) {
        return new Registered(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail());
    }
}
