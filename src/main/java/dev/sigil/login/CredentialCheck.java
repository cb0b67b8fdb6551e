package dev.sigil.login;

import dev.sigil.password.Argon2idHasher;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a username and password. Every branch (unknown user, wrong password, disabled user) runs one full Argon2id
 * verification with the configured parameters: an unknown user is checked against a dummy hash, so that response
 * time does not reveal which usernames exist.
 */
@ApplicationScoped
public class CredentialCheck {

    @Inject
    UserStore users;

    @Inject
    Argon2idHasher hasher;

    private String dummyHash;

    @PostConstruct
    void prepareDummyHash() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        dummyHash = hasher.hash(Base64.getEncoder().encodeToString(random));
    }

    /** The user when the password matches and the account is enabled; empty otherwise, whatever the reason. */
    public Optional<User> check(String username, String password) {
        Optional<User> user = users.findByUsername(username);
        boolean matches = hasher.verify(password, user.map(User::passwordHash).orElse(dummyHash));
        return user.filter(found -> matches && found.isEnabled());
    }
}
