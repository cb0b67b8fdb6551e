package dev.sigil.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh-token values: 256 bits from SecureRandom, base64url. Only their SHA-256 is stored; a fast hash is right
 * here because the input is a uniformly random 256-bit secret, not a password. A session's first token is random; each
 * successor is HMAC-SHA256(session's secret rotation seed, predecessor), so the live token can be recomputed from its
 * predecessor (the reuse grace) by the server only: without the seed, an old token says nothing about the next.
 */
final class RefreshTokens {

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RefreshTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token rotated from {@code predecessor} in a session whose rotation seed is {@code seed}. */
    static String successor(String seed, String predecessor) {
        return hmac(seed, predecessor);
    }

    /**
     * The browser mode's CSRF token of a session (SPEC §8): fixed for the session's life, so that every tab holds the
     * same one whichever rotated last. Derived like a successor, from an input no token value can be (a token is
     * base64url, which has no '|'), so that it says nothing about any refresh token.
     */
    static String csrfToken(String seed, String sessionId) {
        return hmac(seed, "csrf|" + sessionId);
    }

    private static String hmac(String seed, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(seed), "HmacSHA256"));
            byte[] value = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
