package dev.sigil.password;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Reads every password hash format Sigil accepts, so that users imported with their legacy hash can sign in, after
 * which the caller replaces the hash with {@link Argon2idHasher#hash}. The formats are:
 * <ul>
 *   <li>bcrypt: {@code $2a$}, {@code $2b$}, {@code $2y$}, cost 4 to 12 (BouncyCastle {@code OpenBSDBCrypt});</li>
 *   <li>PBKDF2-HMAC-SHA256/512: {@code $pbkdf2-sha256$}, {@code $pbkdf2-sha512$}, in passlib's form (bare rounds,
 *       adapted base64) or the PHC form ({@code i=}, optional {@code l=}); 1,000 to 1,000,000 iterations, a salt of
 *       at least 8 bytes and a hash of 16 to 64 bytes (JCA {@code SecretKeyFactory});</li>
 *   <li>Argon2 PHC strings: {@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}, version 19 or 16 (also when
 *       {@code v=} is absent); at most 64 MiB, 4 passes and 8 lanes (BouncyCastle {@code Argon2BytesGenerator}).</li>
 * </ul>
 * The upper bounds are what a login can afford; the same bounds apply at every login, so no stored hash can ask for
 * more work than they allow.
 */
@ApplicationScoped
public class PasswordHashes {

    /** Longer than any hash of a supported format with sane parameters. */
    static final int MAX_LENGTH = 1000;

    private static final String ACCEPTED = "Accepted: bcrypt ($2a$, $2b$, $2y$), PBKDF2 ($pbkdf2-sha256$, "
            + "$pbkdf2-sha512$) and Argon2 ($argon2id$, $argon2i$, $argon2d$).";

    @Inject
    Argon2idHasher argon2id;

    public PasswordHashes() {
    }

    public PasswordHashes(Argon2idHasher argon2id) {
        this.argon2id = argon2id;
    }

    /**
     * True when {@code password} matches {@code storedHash}. False for a wrong password and for a hash that
     * {@link #problem} would refuse (unknown, malformed, or with costs out of bounds); never throws for a bad hash.
     */
    public boolean verify(String password, String storedHash) {
        if (password == null) {
            return false;
        }
        try {
            return parse(storedHash).matches(password);
        } catch (UnreadableHash unreadable) {
            return false;
        }
    }

    /**
     * True unless {@code storedHash} is Argon2id (version 19) with at least the configured memory, passes and lanes:
     * after a successful {@link #verify}, the caller stores {@code argon2id.hash(password)} instead.
     */
    public boolean needsRehash(String storedHash) {
        return argon2id.needsRehash(storedHash);
    }

    /**
     * Checks a hash offered for import. Empty when it can be stored; otherwise a message for the admin that says what
     * is wrong (an unknown format, with the accepted ones named; a malformed encoding; a cost out of bounds). The
     * message never repeats the hash.
     */
    public Optional<String> problem(String hash) {
        try {
            parse(hash);
            return Optional.empty();
        } catch (UnreadableHash unreadable) {
            return Optional.of(unreadable.getMessage());
        }
    }

    /** The scheme prefix of a hash, such as {@code $2b$} or {@code $argon2id$}: all of it an audit detail may name. */
    public static String scheme(String hash) {
        int end = hash.indexOf('$', 1);
        return hash.startsWith("$") && end > 0 ? hash.substring(0, end + 1) : "";
    }

    static StoredHash parse(String hash) throws UnreadableHash {
        if (hash == null || hash.isEmpty()) {
            throw new UnreadableHash("The password hash is empty. " + ACCEPTED);
        }
        if (hash.length() > MAX_LENGTH) {
            throw new UnreadableHash("The password hash is longer than " + MAX_LENGTH + " characters.");
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return BcryptHash.parse(hash);
        }
        if (hash.startsWith("$pbkdf2-sha256$") || hash.startsWith("$pbkdf2-sha512$")) {
            return Pbkdf2Hash.parse(hash);
        }
        if (hash.startsWith("$argon2id$") || hash.startsWith("$argon2i$") || hash.startsWith("$argon2d$")) {
            return Argon2Hash.parse(hash);
        }
        throw new UnreadableHash("Unknown password hash format. " + ACCEPTED);
    }
}
