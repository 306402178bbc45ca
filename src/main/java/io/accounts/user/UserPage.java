package io.accounts.user;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/** One page of {@code GET /user}: the envelope plus the keyset cursor of the next page, null on the last. */
@JsonbNillable
public record UserPage(String message, List<UserView> data, String next) {
}
