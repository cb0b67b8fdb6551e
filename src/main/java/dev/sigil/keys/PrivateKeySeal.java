package dev.sigil.keys;

import dev.sigil.config.InvalidConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Encrypts a generated private key (PKCS#8, base64) for the database with AES-256-GCM under a key derived from
 * SIGIL_KEY_ENCRYPTION_SECRET by HKDF-SHA256; the kid is the associated data, so a sealed key cannot be swapped to
 * another row. Stored as {@code enc:v1:<base64(iv || ciphertext || tag)>}. Without a secret, keys are stored as they
 * are and read back as they are.
 */
final class PrivateKeySeal {

    static final String PREFIX = "enc:v1:";
    private static final byte[] HKDF_INFO = "sigil signing-key encryption v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKeySpec> key;
    private final SecureRandom random = new SecureRandom();

    PrivateKeySeal(Optional<byte[]> secret) {
        this.key = secret.map(PrivateKeySeal::derive);
    }

    private static SecretKeySpec derive(byte[] secret) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, null, HKDF_INFO));
        byte[] aesKey = new byte[32];
        hkdf.generateBytes(aesKey, 0, aesKey.length);
        return new SecretKeySpec(aesKey, "AES");
    }

    String seal(String kid, String privateKey) {
        if (key.isEmpty()) {
            return privateKey;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, kid);
            byte[] sealed = cipher.doFinal(privateKey.getBytes(StandardCharsets.US_ASCII));
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the signing key", e);
        }
    }

    String open(String kid, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key.isEmpty()) {
            throw new InvalidConfiguration("SIGIL_KEY_ENCRYPTION_SECRET",
                    "is not set, but signing key " + kid + " is stored encrypted: set it to the secret it was stored with");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(sealed, IV_BYTES), kid);
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidConfiguration("SIGIL_KEY_ENCRYPTION_SECRET",
                    "is not the secret signing key " + kid + " was stored with: it cannot be decrypted");
        }
    }

    private Cipher cipher(int mode, byte[] iv, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
