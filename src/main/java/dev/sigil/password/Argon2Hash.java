package dev.sigil.password;

import dev.sigil.password.Argon2idHasher.Argon2Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 PHC string, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} in unpadded standard
 * base64, for the types argon2id, argon2i and argon2d and the versions 19 (0x13) and 16 (0x10). As in the reference
 * implementation, a missing {@code v=} means version 16. Parameters outside the bounds below are refused.
 */
record Argon2Hash(int type, int version, Argon2Settings settings, byte[] salt, byte[] hash) implements StoredHash {

    // What a login can afford (about 0.3 s of one core and 64 MiB at the top, RFC 9106's second recommended setting
    // m=64 MiB, t=3, p=4 included): a stored hash cannot ask for more, at import or at login.
    static final int MAX_MEMORY_KIB = 64 * 1024;
    static final int MAX_ITERATIONS = 4;
    static final int MAX_PARALLELISM = 8;
    static final int MIN_SALT_BYTES = 8;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 128;

    private static final Pattern PHC = Pattern.compile("\\$argon2(id|i|d)(?:\\$v=(\\d{1,10}))?"
            + "\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    static Argon2Hash parse(String phc) throws UnreadableHash {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new UnreadableHash("Malformed Argon2 hash: expected $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>"
                    + "$<salt>$<hash> with unpadded standard base64.");
        }
        int type = switch (m.group(1)) {
            case "id" -> Argon2Parameters.ARGON2_id;
            case "i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
        String v = m.group(2) == null ? "16" : m.group(2);
        int version = switch (v) {
            case "16" -> Argon2Parameters.ARGON2_VERSION_10;
            case "19" -> Argon2Parameters.ARGON2_VERSION_13;
            default -> throw new UnreadableHash("Unsupported Argon2 version v=" + v + ": only 16 and 19 exist.");
        };
        long memory = Long.parseLong(m.group(3));
        long iterations = Long.parseLong(m.group(4));
        long parallelism = Long.parseLong(m.group(5));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new UnreadableHash("Argon2 parallelism p=" + parallelism + " is outside 1.." + MAX_PARALLELISM + ".");
        }
        if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            throw new UnreadableHash("Argon2 memory m=" + memory + " KiB is outside 8*p.." + MAX_MEMORY_KIB
                    + " (64 MiB).");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new UnreadableHash("Argon2 passes t=" + iterations + " is outside 1.." + MAX_ITERATIONS + ".");
        }
        byte[] salt = StoredHash.base64(m.group(6), "Argon2");
        byte[] hash = StoredHash.base64(m.group(7), "Argon2");
        if (salt.length < MIN_SALT_BYTES) {
            throw new UnreadableHash("Argon2 salt has " + salt.length + " bytes; at least " + MIN_SALT_BYTES
                    + " are required.");
        }
        if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            throw new UnreadableHash("Argon2 hash has " + hash.length + " bytes; " + MIN_HASH_BYTES + " to "
                    + MAX_HASH_BYTES + " are accepted.");
        }
        Argon2Settings settings = new Argon2Settings((int) memory, (int) iterations, (int) parallelism);
        return new Argon2Hash(type, version, settings, salt, hash);
    }

    /** True for the only kind {@link Argon2idHasher} writes: Argon2id, version 19. */
    boolean isCurrentArgon2id() {
        return type == Argon2Parameters.ARGON2_id && version == Argon2Parameters.ARGON2_VERSION_13;
    }

    @Override
    public boolean matches(String password) {
        return MessageDigest.isEqual(derive(type, version, password, salt, settings, hash.length), hash);
    }

    /** Derives with the shared {@link Argon2Memory}: no 19 MiB allocated per hash once a set is made. */
    static byte[] derive(int type, int version, String password, byte[] salt, Argon2Settings settings, int length) {
        return Argon2Memory.shared().with(blocks -> derive(type, version, password, salt, settings, length, blocks));
    }

    static byte[] derive(int type, int version, String password, byte[] salt, Argon2Settings settings, int length,
            BlockPool blocks) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(settings.memoryKiB())
                .withIterations(settings.iterations())
                .withParallelism(settings.parallelism())
                .withSalt(salt)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        generator.generateBytes(passwordBytes, out);
        Arrays.fill(passwordBytes, (byte) 0);
        return out;
    }
}
