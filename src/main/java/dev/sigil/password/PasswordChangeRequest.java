package dev.sigil.password;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;

/** Body of POST /api/auth/password. */
public record PasswordChangeRequest(
        @JsonbProperty("current_password") @NotNull String currentPassword,
        @JsonbProperty("new_password") @NotNull String newPassword) {
}
