package dev.sigil.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.sigil.config.SigilConfig;
import dev.sigil.keys.KeyRing;
import dev.sigil.revocation.RevocationRegistry;
import dev.sigil.testsupport.TestKeys;
import dev.sigil.web.InvalidToken;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of verified tokens in {@link AccessTokenVerifier}: a hit skips only the signature check and decoding.
 * Every test verifies once (the token goes into the cache), moves the clock or the revocation state, and presents
 * the same token string to the same verifier again.
 */
class AccessTokenVerifierCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final long TTL = 300;

    @TempDir
    Path dir;

    private KeyPair pair;
    private Path pem;
    private SigilConfig config;
    private KeyRing ring;
    private MutableClock clock;
    private RevocationRegistry revocations;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        pair = TestKeys.rsa();
        pem = TestKeys.writePkcs8Pem(pair, dir.resolve("key.pem"));
        Map<String, String> values = Map.of("sigil.jwt-key-file", pem.toString(), "sigil.issuer", "https://sigil.test");
        config = SigilConfig.from(name -> Optional.ofNullable(values.get(name)));
        clock = new MutableClock(T0);
        ring = new KeyRing(config, null, clock);
        revocations = new RevocationRegistry(config, clock);
        verifier = new AccessTokenVerifier(config, ring, revocations, clock);
    }

    private JWTCreator.Builder claims(String jti, Instant issuedAt) {
        return JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId(ring.keys().signingKid())
                .withIssuer("https://sigil.test").withSubject("user-1").withClaim("upn", "alice")
                .withArrayClaim("groups", new String[] {"user"}).withAudience("sigil").withIssuedAt(issuedAt)
                .withExpiresAt(issuedAt.plusSeconds(TTL)).withJWTId(jti).withClaim("sid", "session-1");
    }

    private Algorithm serverKey() {
        return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    private String token(String jti) {
        return claims(jti, T0).sign(serverKey());
    }

    /** Verifies {@code token} with the cached verifier, the clock moved to T0 + offset. */
    private SigilPrincipal at(Duration offset, String token) {
        clock.set(T0.plus(offset));
        return verifier.verify(token);
    }

    @Test
    void theSameTokenIsServedFromTheCache() {
        String token = token("jti-1");
        SigilPrincipal first = at(Duration.ZERO, token);
        assertEquals(1, verifier.cachedTokens());
        SigilPrincipal second = at(Duration.ofSeconds(10), token);
        assertSame(first, second, "a hit returns the principal built at the first verification");
        assertEquals(1, verifier.cachedTokens());
        assertThrows(UnsupportedOperationException.class, () -> second.roles().add("admin"),
                "a shared principal must be immutable");
    }

    @Test
    void aCachedTokenIsRefusedFromTheSecondExpNames() {
        String token = token("jti-1");
        at(Duration.ZERO, token);
        assertDoesNotThrow(() -> at(Duration.ofMillis(TTL * 1000 - 1), token));
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(TTL), token));
        assertEquals(1, verifier.cachedTokens(), "refused from the cache, not after a new verification");
    }

    /** For every second around the boundaries, a hit answers exactly as a full verification by java-jwt does. */
    @Test
    void aHitChecksExpNbfAndIatExactlyAsTheFullVerification() {
        String plain = token("jti-1");
        String withNbf = claims("jti-2", T0).withNotBefore(T0.plusSeconds(60)).sign(serverKey());
        for (String token : List.of(plain, withNbf)) {
            // Cache it at a time it is valid, then move the clock over both boundaries, in whole and half seconds.
            at(Duration.ofSeconds(100), token);
            for (long millis = -45_000; millis <= (TTL + 45) * 1000; millis += 500) {
                Duration offset = Duration.ofMillis(millis);
                boolean full = accepted(() -> new AccessTokenVerifier(config, ring, revocations,
                        Clock.fixed(T0.plus(offset), ZoneOffset.UTC), 0).verify(token));
                boolean cached = accepted(() -> at(offset, token));
                assertEquals(full, cached, "at T0 " + offset + (token.equals(plain) ? "" : " (nbf T0+60s)"));
            }
        }
        assertEquals(2, verifier.cachedTokens());
        // The boundaries themselves, as AccessTokenVerifierTest states them.
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(-31), plain));
        assertDoesNotThrow(() -> at(Duration.ofSeconds(-30), plain));
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(29), withNbf));
        assertDoesNotThrow(() -> at(Duration.ofSeconds(30), withNbf));
        assertDoesNotThrow(() -> at(Duration.ofMillis(TTL * 1000 - 500), plain));
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(TTL), plain));
    }

    private static boolean accepted(Runnable verification) {
        try {
            verification.run();
            return true;
        } catch (InvalidToken refused) {
            return false;
        }
    }

    @Test
    void aCachedTokenIsRefusedOnceItsSessionIsRevoked() {
        String token = token("jti-1");
        at(Duration.ZERO, token);
        revocations.revokeSession("session-1");
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(1), token));
    }

    @Test
    void aCachedTokenIsRefusedOnceTheUserRevocationPointPassesItsIssueTime() {
        String token = token("jti-1");
        at(Duration.ZERO, token);
        revocations.revokeUserTokens("user-1", T0.minusSeconds(1));
        assertDoesNotThrow(() -> at(Duration.ofSeconds(1), token), "a point before iat leaves the token alive");
        revocations.revokeUserTokens("user-1", T0);
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(2), token));
    }

    @Test
    void aForgedSignatureOverTheSameClaimsIsNotServedFromTheCache() {
        String genuine = token("jti-1");
        at(Duration.ZERO, genuine);
        String signedPart = genuine.substring(0, genuine.lastIndexOf('.') + 1);
        KeyPair other = TestKeys.rsa();
        String otherKey = claims("jti-1", T0).sign(
                Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));
        String forgedWithOtherKey = signedPart + otherKey.substring(otherKey.lastIndexOf('.') + 1);
        String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 2);
        String tampered = signedPart + signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
        String unsigned = signedPart;
        for (String forged : List.of(forgedWithOtherKey, tampered, unsigned)) {
            assertNotEquals(genuine, forged);
            assertTrue(forged.startsWith(signedPart), "same header and claims, byte for byte");
            assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(1), forged));
        }
        assertDoesNotThrow(() -> at(Duration.ofSeconds(1), genuine));
        assertEquals(1, verifier.cachedTokens(), "refused tokens are never cached");
    }

    @Test
    void aRefusedTokenIsNeverCached() {
        String revoked = token("jti-1");
        revocations.revokeSession("session-1");
        assertThrows(InvalidToken.class, () -> at(Duration.ZERO, revoked));
        assertThrows(InvalidToken.class, () -> at(Duration.ZERO, claims("jti-2", T0).withAudience("other")
                .sign(serverKey())));
        assertEquals(0, verifier.cachedTokens());
    }

    @Test
    void aKeyLeavingTheRingEmptiesTheCache() {
        String token = token("jti-1");
        at(Duration.ZERO, token);
        // The key file now holds another key: after the reload the token's kid is unknown.
        TestKeys.writePkcs8Pem(TestKeys.rsa(), pem);
        ring.reload();
        assertThrows(InvalidToken.class, () -> at(Duration.ofSeconds(1), token));
        assertEquals(0, verifier.cachedTokens());
    }

    @Test
    void reReadingTheSameKeysKeepsTheCache() {
        String token = token("jti-1");
        SigilPrincipal first = at(Duration.ZERO, token);
        KeyRing.Keys before = ring.keys();
        ring.reload();
        assertNotSame(before, ring.keys(), "the ring republished its keys");
        assertSame(first, at(Duration.ofSeconds(1), token), "still a hit");
        assertEquals(1, verifier.cachedTokens());
    }

    @Test
    void theCacheStaysBoundedAndEvictsTheOldestFirst() {
        verifier = new AccessTokenVerifier(config, ring, revocations, clock, 3);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(token("jti-" + i));
            at(Duration.ofSeconds(i), tokens.get(i));
            assertTrue(verifier.cachedTokens() <= 3, "size " + verifier.cachedTokens() + " after " + (i + 1));
        }
        assertEquals(3, verifier.cachedTokens());
        SigilPrincipal newest = at(Duration.ofSeconds(10), tokens.get(9));
        assertSame(newest, at(Duration.ofSeconds(10), tokens.get(9)), "the newest is still cached");
        // An evicted token is verified in full again: still accepted while valid.
        assertEquals("jti-0", at(Duration.ofSeconds(10), tokens.get(0)).tokenId());
        assertEquals(3, verifier.cachedTokens());
    }

    @Test
    void expiredTokensLeaveTheCacheWhenANewOneIsAdded() {
        at(Duration.ZERO, token("jti-1"));
        at(Duration.ZERO, token("jti-2"));
        assertEquals(2, verifier.cachedTokens());
        Instant later = T0.plusSeconds(TTL);
        clock.set(later);
        verifier.verify(claims("jti-3", later).sign(serverKey()));
        assertEquals(1, verifier.cachedTokens());
    }

    /** The production bound, with HS256 so that ten thousand tokens sign in well under a second. */
    @Test
    void theProductionCacheHoldsAtMostTenThousandTokens() {
        String secret = "0123456789abcdef0123456789abcdef-test-only";
        Map<String, String> values = Map.of("sigil.jwt-algorithm", "HS256", "sigil.jwt-secret", secret,
                "sigil.issuer", "https://sigil.test");
        SigilConfig hs = SigilConfig.from(name -> Optional.ofNullable(values.get(name)));
        KeyRing hsRing = new KeyRing(hs, null, clock);
        AccessTokenVerifier production = new AccessTokenVerifier(hs, hsRing, new RevocationRegistry(hs, clock), clock);
        Algorithm hmac = Algorithm.HMAC256(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        clock.set(T0);
        assertEquals(10_000, AccessTokenVerifier.CACHE_CAPACITY);
        for (int i = 0; i < AccessTokenVerifier.CACHE_CAPACITY + 500; i++) {
            production.verify(JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId(hsRing.keys().signingKid())
                    .withIssuer("https://sigil.test").withSubject("user-" + i).withClaim("upn", "u" + i)
                    .withArrayClaim("groups", new String[] {"user"}).withAudience("sigil").withIssuedAt(T0)
                    .withExpiresAt(T0.plusSeconds(TTL)).withJWTId("jti-" + i).withClaim("sid", "s-" + i).sign(hmac));
        }
        assertEquals(AccessTokenVerifier.CACHE_CAPACITY, production.cachedTokens());
    }

    @Test
    void rolesKeepTheirOrder() {
        String token = claims("jti-1", T0).withArrayClaim("groups", new String[] {"user", "admin"}).sign(serverKey());
        assertEquals(List.of("user", "admin"), List.copyOf(at(Duration.ZERO, token).roles()));
        assertEquals(Set.of("user", "admin"), at(Duration.ZERO, token).roles());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
