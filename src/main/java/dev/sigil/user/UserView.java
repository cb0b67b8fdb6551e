package dev.sigil.user;

import dev.sigil.web.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Set;

/** A user as the admin API shows it: never a hash. */
@JsonbPropertyOrder({"id", "username", "roles", "enabled", "createdAt"})
public record UserView(
        String id,
        String username,
        Set<String> roles,
        boolean enabled,
        @JsonbProperty("created_at") Instant createdAt) {

    public UserView {
        createdAt = Timestamps.shown(createdAt);
    }

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.roles(), user.isEnabled(), user.createdAt());
    }
}
