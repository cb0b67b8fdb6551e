package dev.sigil.login;

import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.HashBulkhead;
import dev.sigil.password.PasswordHashes;
import dev.sigil.user.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a password. Every failing branch costs at least one full Argon2id with the configured parameters, so that
 * response time tells nothing: an unknown or locked name is checked against a dummy hash only, and a stored hash that
 * is not the current Argon2id (a legacy bcrypt or PBKDF2, a weaker Argon2) is followed by the dummy hash too. A user
 * imported with a legacy hash gets an Argon2id hash of the configured strength on the first successful login.
 * Hashing runs in the {@link HashBulkhead}, with no transaction open.
 */
@ApplicationScoped
public class CredentialCheck {

    @Inject
    Argon2idHasher hasher;

    @Inject
    PasswordHashes hashes;

    @Inject
    HashBulkhead bulkhead;

    private String dummyHash;

    @PostConstruct
    void prepareDummyHash() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        dummyHash = bulkhead.run(() -> hasher.hash(Base64.getEncoder().encodeToString(random)));
    }

    /**
     * The user when the attempt may be judged ({@code locked} false), the password matches and the account is
     * enabled; empty otherwise, whatever the reason, after the same work.
     */
    public Optional<User> check(Optional<User> user, String password, boolean locked) {
        Optional<String> judged = locked ? Optional.empty() : user.map(User::passwordHash);
        List<String> work = work(judged, dummyHash, hashes);
        boolean matches = bulkhead.run(() -> {
            boolean stored = false;
            for (int i = 0; i < work.size(); i++) {
                boolean verified = hashes.verify(password, work.get(i));
                // Only the first hash can be the stored one; the dummy never decides.
                stored = i == 0 && judged.isPresent() ? verified : stored;
            }
            return stored;
        });
        return locked ? Optional.empty() : user.filter(found -> matches && found.isEnabled());
    }

    /**
     * The hashes an attempt verifies, in order: the stored one when there is one to judge, then the dummy whenever the
     * stored one is missing or not at least the current Argon2id, so that no branch costs less than that.
     */
    static List<String> work(Optional<String> stored, String dummy, PasswordHashes hashes) {
        if (stored.isEmpty()) {
            return List.of(dummy);
        }
        return hashes.needsRehash(stored.get()) ? List.of(stored.get(), dummy) : List.of(stored.get());
    }

    /** After a successful check: the Argon2id hash to store instead of a legacy or weaker one, computed here. */
    public Optional<String> upgradedHash(User user, String password) {
        if (!hashes.needsRehash(user.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(bulkhead.run(() -> hasher.hash(password)));
    }
}
