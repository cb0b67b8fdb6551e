package dev.sigil.password;

import jakarta.json.bind.annotation.JsonbProperty;

/** Body of POST /api/auth/password. */
public record PasswordChangeRequest(
        @JsonbProperty("current_password") String currentPassword,
        @JsonbProperty("new_password") String newPassword) {
}
