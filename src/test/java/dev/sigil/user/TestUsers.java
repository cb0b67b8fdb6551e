package dev.sigil.user;

import java.time.Instant;
import java.util.Set;

/** Users built in memory for unit tests. */
public final class TestUsers {

    private TestUsers() {
    }

    public static User user(String username, String passwordHash, boolean enabled) {
        User user = new User(username, passwordHash, Set.of(Roles.USER), Instant.EPOCH);
        user.setEnabled(enabled, Instant.EPOCH);
        return user;
    }
}
