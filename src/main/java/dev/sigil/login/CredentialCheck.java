package dev.sigil.login;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.PasswordHashes;
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
 * time does not reveal which usernames exist. A user imported with a legacy hash (bcrypt, PBKDF2, weaker Argon2) gets
 * an Argon2id hash of the configured strength on the first successful login.
 */
@ApplicationScoped
public class CredentialCheck {

    @Inject
    UserStore users;

    @Inject
    Argon2idHasher hasher;

    @Inject
    PasswordHashes hashes;

    @Inject
    AuditLog audit;

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
        boolean matches = hashes.verify(password, user.map(User::passwordHash).orElse(dummyHash));
        return user.filter(found -> matches && found.isEnabled());
    }

    /**
     * After a successful check, replaces a legacy or weaker hash with Argon2id of the configured strength. Call it on
     * the row as locked for issuing (a pessimistic lock re-reads the row, which would drop an earlier change).
     */
    public void upgradeHash(User user, String password) {
        if (!hashes.needsRehash(user.passwordHash())) {
            return;
        }
        String legacy = user.passwordHash();
        users.replacePasswordHash(user, hasher.hash(password));
        audit.record(AuditType.PASSWORD_REHASHED, user.username(), null,
                "from " + PasswordHashes.scheme(legacy) + " to $argon2id$");
    }
}
