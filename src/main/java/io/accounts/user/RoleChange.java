package io.accounts.user;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of {@code PUT /user/{id}/roles}: the complete new set of roles. */
public record RoleChange(@NotNull @NotEmpty @Size(max = 10) List<String> roles) {
}
