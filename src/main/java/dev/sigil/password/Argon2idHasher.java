package dev.sigil.password;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
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
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

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
        Optional<Phc> parsed = Phc.parse(phc);
        if (parsed.isEmpty()) {
            return false;
        }
        Phc stored = parsed.get();
        byte[] actual = compute(password, stored.salt(), stored.settings(), stored.hash().length);
        return MessageDigest.isEqual(actual, stored.hash());
    }

    /** True when the hash was made with weaker parameters than the configured ones (or is not Argon2id). */
    public boolean needsRehash(String phc) {
        return Phc.parse(phc).map(stored -> stored.settings().weakerThan(settings)).orElse(true);
    }

    public Argon2Settings settings() {
        return settings;
    }

    static byte[] compute(String password, byte[] salt, Argon2Settings settings, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(settings.memoryKiB())
                .withIterations(settings.iterations())
                .withParallelism(settings.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        generator.generateBytes(passwordBytes, out);
        Arrays.fill(passwordBytes, (byte) 0);
        return out;
    }

    /** Argon2 cost parameters. */
    public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
        boolean weakerThan(Argon2Settings other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    /** A parsed {@code $argon2id$} PHC string. */
    record Phc(Argon2Settings settings, byte[] salt, byte[] hash) {

        // Bounds keep a hostile stored hash from asking for gigabytes or hours.
        private static final int MAX_MEMORY_KIB = 1024 * 1024;
        private static final int MAX_ITERATIONS = 64;
        private static final int MAX_PARALLELISM = 16;

        static Optional<Phc> parse(String phc) {
            if (phc == null) {
                return Optional.empty();
            }
            String[] parts = phc.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return Optional.empty();
            }
            try {
                int memory = -1;
                int iterations = -1;
                int parallelism = -1;
                for (String pair : parts[3].split(",")) {
                    String[] kv = pair.split("=", 2);
                    int value = Integer.parseInt(kv[1]);
                    switch (kv[0]) {
                        case "m" -> memory = value;
                        case "t" -> iterations = value;
                        case "p" -> parallelism = value;
                        default -> {
                            return Optional.empty();
                        }
                    }
                }
                byte[] salt = B64_DECODER.decode(parts[4]);
                byte[] hash = B64_DECODER.decode(parts[5]);
                boolean sane = memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
                        && iterations >= 1 && iterations <= MAX_ITERATIONS
                        && parallelism >= 1 && parallelism <= MAX_PARALLELISM
                        && salt.length >= 8 && hash.length >= 16 && hash.length <= 128;
                return sane ? Optional.of(new Phc(new Argon2Settings(memory, iterations, parallelism), salt, hash))
                        : Optional.empty();
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        }
    }
}
