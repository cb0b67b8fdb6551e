package dev.sigil.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256/512 in either of its two PHC-style spellings:
 * <ul>
 *   <li>passlib's {@code $pbkdf2-sha256$29000$<salt>$<hash>}: bare rounds, "adapted" base64 ('.' for '+');</li>
 *   <li>the PHC string format's {@code $pbkdf2-sha256$i=600000[,l=32]$<salt>$<hash>}: standard base64.</li>
 * </ul>
 * Padding is never written. The salt is the decoded bytes; the derived key is as long as the decoded hash.
 */
record Pbkdf2Hash(String algorithm, int iterations, byte[] salt, byte[] hash) implements StoredHash {

    static final int MIN_ITERATIONS = 1000;
    // Django's current default, about 0.5 s of one core with SHA-256.
    static final int MAX_ITERATIONS = 1_000_000;
    static final int MIN_SALT_BYTES = 8;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 64;

    private static final Pattern FORMAT = Pattern.compile("\\$pbkdf2-(sha256|sha512)"
            + "\\$(?:([1-9]\\d{0,9})|i=([1-9]\\d{0,9})(?:,l=([1-9]\\d{0,3}))?)"
            + "\\$([A-Za-z0-9+/.]+)\\$([A-Za-z0-9+/.]+)");

    static Pbkdf2Hash parse(String hash) throws UnreadableHash {
        Matcher m = FORMAT.matcher(hash);
        if (!m.matches()) {
            throw new UnreadableHash("Malformed PBKDF2 hash: expected $pbkdf2-sha256$<rounds>$<salt>$<hash> (passlib) "
                    + "or $pbkdf2-sha256$i=<rounds>$<salt>$<hash> (PHC), base64 without padding.");
        }
        String algorithm = "sha256".equals(m.group(1)) ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA512";
        long rounds = Long.parseLong(m.group(2) != null ? m.group(2) : m.group(3));
        if (rounds < MIN_ITERATIONS || rounds > MAX_ITERATIONS) {
            throw new UnreadableHash("PBKDF2 iterations " + rounds + " are outside " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + ".");
        }
        byte[] salt = StoredHash.base64(m.group(5), "PBKDF2");
        byte[] derived = StoredHash.base64(m.group(6), "PBKDF2");
        if (m.group(4) != null && Integer.parseInt(m.group(4)) != derived.length) {
            throw new UnreadableHash("Malformed PBKDF2 hash: l=" + m.group(4) + " but the hash has " + derived.length
                    + " bytes.");
        }
        if (salt.length < MIN_SALT_BYTES) {
            throw new UnreadableHash("PBKDF2 salt has " + salt.length + " bytes; at least " + MIN_SALT_BYTES
                    + " are required.");
        }
        if (derived.length < MIN_HASH_BYTES || derived.length > MAX_HASH_BYTES) {
            throw new UnreadableHash("PBKDF2 hash has " + derived.length + " bytes; " + MIN_HASH_BYTES + " to "
                    + MAX_HASH_BYTES + " are accepted.");
        }
        return new Pbkdf2Hash(algorithm, (int) rounds, salt, derived);
    }

    @Override
    public boolean matches(String password) {
        char[] chars = password.toCharArray();
        // SunJCE feeds the password to HMAC as UTF-8, as passlib and the PHC implementations do.
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hash.length * 8);
        try {
            byte[] actual = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(actual, hash);
        } catch (GeneralSecurityException missing) {
            // Every Java 17 runtime has both algorithms; failing loudly beats a silent "wrong password".
            throw new IllegalStateException(algorithm + " is not available", missing);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
