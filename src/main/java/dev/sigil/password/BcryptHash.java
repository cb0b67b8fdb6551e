package dev.sigil.password;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A bcrypt hash in modular crypt format, {@code $2b$<cost>$<22 salt chars><31 hash chars>}, with the prefixes
 * {@code $2a$}, {@code $2b$} and {@code $2y$}, which BouncyCastle computes alike (as OpenBSD and PHP do today). A
 * {@code $2a$} hash made by a buggy old implementation (crypt_blowfish before 2011 with 8-bit characters, OpenBSD with
 * a password of 255 bytes or more) will not verify. {@code $2x$} and the obsolete {@code $2$} are refused.
 */
record BcryptHash(String encoded, int cost) implements StoredHash {

    static final int MIN_COST = 4;
    // Cost 12 takes about 0.3 s of one core; each step doubles it.
    static final int MAX_COST = 12;

    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern FORMAT =
            Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})");

    static BcryptHash parse(String hash) throws UnreadableHash {
        Matcher m = FORMAT.matcher(hash);
        if (!m.matches()) {
            throw new UnreadableHash("Malformed bcrypt hash: expected 60 characters, $2b$<two-digit cost>$ then 53 "
                    + "characters of bcrypt base64 (./A-Za-z0-9).");
        }
        // The last salt and hash characters carry 4 and 2 unused bits. BouncyCastle re-encodes them as zero and
        // compares whole strings, as OpenBSD does, so a hash with other bits there could never verify.
        if (ALPHABET.indexOf(m.group(2).charAt(21)) % 16 != 0 || ALPHABET.indexOf(m.group(3).charAt(30)) % 4 != 0) {
            throw new UnreadableHash("Malformed bcrypt hash: the salt or hash does not end on a valid character.");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new UnreadableHash("bcrypt cost " + cost + " is outside " + MIN_COST + ".." + MAX_COST + ".");
        }
        return new BcryptHash(hash, cost);
    }

    @Override
    public boolean matches(String password) {
        // checkPassword hashes the UTF-8 bytes (only the first 72 count, as in every bcrypt) and compares the
        // 60 characters in constant time (Strings.constantTimeAreEqual in bcprov 1.87).
        return OpenBSDBCrypt.checkPassword(encoded, password.toCharArray());
    }

    @Override
    public String toString() {
        return "BcryptHash[cost=" + cost + "]";
    }
}
