package dev.sigil.password;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through BouncyCastle, stored as a PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Defaults are OWASP's minimum (19 MiB, t=2, p=1).
 * Verification recomputes with the parameters stored in the hash and compares in constant time.
 */
@ApplicationScoped
public class Argon2idHasher {

    public static final Argon2Settings DEFAULT = new Argon2Settings(19 * 1024, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Argon2Settings settings;

    public Argon2idHasher() {
        this(DEFAULT);
    }

    public Argon2idHasher(Argon2Settings settings) {
        this.settings = settings;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, settings, HASH_BYTES);
        return "$argon2id$v=19$m=" + settings.memoryKiB() + ",t=" + settings.iterations() + ",p="
                + settings.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code phc}; false for a wrong password or a hash it cannot read. */
    public boolean verify(String password, String phc) {
        return current(phc).map(stored -> stored.matches(password)).orElse(false);
    }

    /** True when the hash was made with weaker parameters than the configured ones (or is not Argon2id). */
    public boolean needsRehash(String phc) {
        return current(phc).map(stored -> stored.settings().weakerThan(settings)).orElse(true);
    }

    public Argon2Settings settings() {
        return settings;
    }

    static byte[] compute(String password, byte[] salt, Argon2Settings settings, int length) {
        return Argon2Hash.derive(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, password, salt,
                settings, length);
    }

    /** The stored hash when it is what this hasher writes (Argon2id, version 19) with parameters within bounds. */
    private static Optional<Argon2Hash> current(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Argon2Hash.parse(phc)).filter(Argon2Hash::isCurrentArgon2id);
        } catch (UnreadableHash unreadable) {
            return Optional.empty();
        }
    }

    /** Argon2 cost parameters. */
    public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
        boolean weakerThan(Argon2Settings other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }
}
