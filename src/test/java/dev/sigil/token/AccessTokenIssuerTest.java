package dev.sigil.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.sigil.config.SigilConfig;
import dev.sigil.keys.KeyRing;
import dev.sigil.revocation.RevocationRegistry;
import dev.sigil.testsupport.TestKeys;
import dev.sigil.web.InvalidToken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens issued around a logout-all: the old ones die, one issued in the same second must not be born dead. */
class AccessTokenIssuerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00.400Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static SigilConfig config;
    private static KeyRing ring;

    private RevocationRegistry revocations;
    private AccessTokenIssuer issuer;
    private AccessTokenVerifier verifier;

    @BeforeAll
    static void keys(@TempDir Path dir) {
        Path pem = TestKeys.writePkcs8Pem(TestKeys.rsa(), dir.resolve("key.pem"));
        Map<String, String> values = Map.of("sigil.jwt-key-file", pem.toString(), "sigil.issuer", "https://sigil.test");
        config = SigilConfig.from(name -> Optional.ofNullable(values.get(name)));
        ring = new KeyRing(config, null, CLOCK);
    }

    @BeforeEach
    void create() {
        revocations = new RevocationRegistry(config, CLOCK);
        issuer = new AccessTokenIssuer(config, ring, CLOCK);
        verifier = new AccessTokenVerifier(config, ring, revocations, CLOCK);
    }

    private String issue() {
        return issue(null);
    }

    /** As a caller does: with the revocation point of the user row it holds locked. */
    private String issue(Instant revokedBefore) {
        return issuer.issue("user-1", "alice", Set.of("user"), "session-1", revokedBefore).token();
    }

    @Test
    void tokenIssuedBeforeTheRevocationPointIsRefused() {
        String before = issue();
        revocations.revokeUserTokens("user-1", T0);

        assertThrows(InvalidToken.class, () -> verifier.verify(before));
    }

    @Test
    void tokenIssuedInTheSameSecondAsTheRevocationPointIsIssuedAfterIt() {
        revocations.revokeUserTokens("user-1", T0);

        String after = issue(T0);

        DecodedJWT decoded = JWT.decode(after);
        assertEquals(Instant.parse("2026-11-23T12:00:01Z"), decoded.getIssuedAtAsInstant());
        assertEquals(config.accessTokenTtl().toSeconds(),
                decoded.getExpiresAtAsInstant().getEpochSecond() - decoded.getIssuedAtAsInstant().getEpochSecond());
        assertDoesNotThrow(() -> verifier.verify(after));
    }

    @Test
    void revocationPointComesFromTheUserRowNotFromThisNodesMemory() {
        // Another node moved the point (the row says T0) before this node's memory heard of it.
        String after = issue(T0);

        assertEquals(Instant.parse("2026-11-23T12:00:01Z"), JWT.decode(after).getIssuedAtAsInstant());
        revocations.revokeUserTokens("user-1", T0);
        assertDoesNotThrow(() -> verifier.verify(after));
    }

    @Test
    void withoutRevocationIatIsTheCurrentWholeSecond() {
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), JWT.decode(issue()).getIssuedAtAsInstant());
    }
}
