package dev.sigil.password;

import java.util.Base64;

/** A password hash whose format has been read and whose cost parameters are within bounds. */
interface StoredHash {

    /** Recomputes the hash of {@code password} with the stored parameters and compares in constant time. */
    boolean matches(String password);

    /** Decodes unpadded base64; also accepts passlib's "adapted" alphabet, which writes '.' for '+'. */
    static byte[] base64(String encoded, String format) throws UnreadableHash {
        try {
            return Base64.getDecoder().decode(encoded.replace('.', '+'));
        } catch (IllegalArgumentException badLength) {
            throw new UnreadableHash("Malformed " + format + " hash: the salt or hash is not valid base64.");
        }
    }
}
