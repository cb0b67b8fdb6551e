package dev.sigil.login;

import jakarta.validation.constraints.NotNull;

/** Body of POST /api/auth/login. */
public record LoginRequest(@NotNull String username, @NotNull String password) {
}
