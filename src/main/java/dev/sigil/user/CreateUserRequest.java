package dev.sigil.user;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Body of POST /api/admin/users: a password, or ({@code password_hash}) a hash imported from a legacy system. */
public record CreateUserRequest(
        @NotNull String username,
        String password,
        @JsonbProperty("password_hash") String passwordHash,
        List<String> roles) {
}
