package dev.sigil.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
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
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per SPEC §3 rejection, with a fixed clock at ±1 s of each boundary. */
class AccessTokenVerifierTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static KeyPair pair;
    private static SigilConfig config;
    private static KeyRing ring;

    private RevocationRegistry revocations;
    private String token;

    @BeforeAll
    static void keys(@TempDir Path dir) {
        pair = TestKeys.rsa();
        Path pem = TestKeys.writePkcs8Pem(pair, dir.resolve("key.pem"));
        Map<String, String> values = Map.of("sigil.jwt-key-file", pem.toString(), "sigil.issuer", "https://sigil.test");
        config = SigilConfig.from(name -> Optional.ofNullable(values.get(name)));
        ring = new KeyRing(config, null, CLOCK);
    }

    @BeforeEach
    void issue() {
        revocations = new RevocationRegistry(config, CLOCK);
        token = new AccessTokenIssuer(config, ring, CLOCK).issue("user-1", "alice", Set.of("user"), "session-1", null).token();
    }

    private SigilPrincipal verifyAt(String jwt, Duration offset) {
        return new AccessTokenVerifier(config, ring, revocations, Clock.offset(CLOCK, offset)).verify(jwt);
    }

    private void rejected(String jwt) {
        assertThrows(InvalidToken.class, () -> verifyAt(jwt, Duration.ZERO));
    }

    private JWTCreator.Builder like() {
        DecodedJWT genuine = JWT.decode(token);
        return JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId(genuine.getKeyId())
                .withIssuer("https://sigil.test").withSubject("user-1").withClaim("upn", "alice")
                .withArrayClaim("groups", new String[] {"user"}).withAudience("sigil").withIssuedAt(T0)
                .withExpiresAt(T0.plusSeconds(300)).withJWTId("jti-1").withClaim("sid", "session-1");
    }

    private static Algorithm serverKey() {
        return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    @Test
    void algNoneIsRejected() {
        rejected(like().sign(Algorithm.none()));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() {
        rejected(like().sign(Algorithm.HMAC256(pair.getPublic().getEncoded())));
    }

    @Test
    void es256IsRejectedWhenRs256IsConfigured() {
        KeyPair ec = TestKeys.ec();
        rejected(like().sign(Algorithm.ECDSA256((java.security.interfaces.ECPublicKey) ec.getPublic(),
                (java.security.interfaces.ECPrivateKey) ec.getPrivate())));
    }

    @Test
    void unknownKidIsRejected() {
        rejected(like().withKeyId("unknown").sign(serverKey()));
    }

    @Test
    void badSignatureIsRejected() {
        KeyPair other = TestKeys.rsa();
        rejected(like().sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate())));
    }

    @Test
    void expiryIsEnforcedFromTheSecondExpNamesWithoutLeeway() {
        assertDoesNotThrow(() -> verifyAt(token, Duration.ofMillis(299_999)));
        assertThrows(InvalidToken.class, () -> verifyAt(token, Duration.ofSeconds(300)));
        assertThrows(InvalidToken.class, () -> verifyAt(token, Duration.ofMillis(300_500)));
        assertThrows(InvalidToken.class, () -> verifyAt(token, Duration.ofSeconds(301)));
    }

    @Test
    void issuedAtInTheFutureIsAcceptedWithinLeewayOnly() {
        assertDoesNotThrow(() -> verifyAt(token, Duration.ofSeconds(-30)));
        assertThrows(InvalidToken.class, () -> verifyAt(token, Duration.ofSeconds(-31)));
    }

    @Test
    void notBeforeInTheFutureIsAcceptedWithinLeewayOnly() {
        String notYet = like().withNotBefore(T0.plusSeconds(60)).sign(serverKey());
        assertDoesNotThrow(() -> verifyAt(notYet, Duration.ofSeconds(30)));
        assertThrows(InvalidToken.class, () -> verifyAt(notYet, Duration.ofSeconds(29)));
    }

    @Test
    void wrongIssuerIsRejected() {
        rejected(like().withIssuer("https://other.test").sign(serverKey()));
    }

    @Test
    void wrongAudienceIsRejected() {
        rejected(like().withAudience("other").sign(serverKey()));
    }

    @Test
    void wrongTypIsRejected() {
        rejected(like().withHeader(Map.of("typ", "JWT")).sign(serverKey()));
    }

    @Test
    void missingClaimsAreRejected() {
        rejected(like().withClaim("sid", (String) null).sign(serverKey()));
        rejected(like().withJWTId(null).sign(serverKey()));
        String withoutGroups = JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId(JWT.decode(token).getKeyId())
                .withIssuer("https://sigil.test").withSubject("user-1").withClaim("upn", "alice").withAudience("sigil")
                .withIssuedAt(T0).withExpiresAt(T0.plusSeconds(300)).withJWTId("jti-1").withClaim("sid", "session-1")
                .sign(serverKey());
        rejected(withoutGroups);
    }

    @Test
    void revokedSessionIsRejected() {
        revocations.revokeSession("session-1");
        rejected(token);
    }

    @Test
    void tokenIssuedAtOrBeforeTheRevocationPointIsRejected() {
        revocations.revokeUserTokens("user-1", T0);
        rejected(token);
        revocations = new RevocationRegistry(config, CLOCK);
        revocations.revokeUserTokens("user-1", T0.minusSeconds(1));
        assertDoesNotThrow(() -> verifyAt(token, Duration.ZERO));
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        rejected("dsAZp1eWHo4-7QHZk7K_nnUkG7cgIvPjeF-yZubYvIg");
    }

    @Test
    void validTokenGivesThePrincipal() {
        SigilPrincipal principal = verifyAt(token, Duration.ZERO);
        assertEquals("user-1", principal.userId());
        assertEquals("alice", principal.username());
        assertEquals(Set.of("user"), principal.roles());
        assertEquals("session-1", principal.sessionId());
        assertEquals(T0.plusSeconds(300), principal.expiresAt());
    }
}
