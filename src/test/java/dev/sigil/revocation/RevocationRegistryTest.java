package dev.sigil.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.config.SigilConfig;
import dev.sigil.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter's revocation view: exact at the boundaries, and bounded by the access-token lifetime. */
class RevocationRegistryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    /** Access tokens live 300 s; with the verifier's 30 s leeway an entry can matter for 331 s. */
    private static final Duration WINDOW = Duration.ofSeconds(331);

    private final MutableClock clock = new MutableClock(T0);
    private RevocationRegistry registry;

    @BeforeEach
    void create() {
        Map<String, String> values = Map.of("sigil.access-token-ttl", "PT5M");
        registry = new RevocationRegistry(SigilConfig.from(name -> Optional.ofNullable(values.get(name))), clock);
    }

    @Test
    void revokedSessionRefusesItsTokensAndNoOther() {
        registry.revokeSession("s1");

        assertTrue(registry.isRevoked("s1", "u1", T0.minusSeconds(10)));
        assertFalse(registry.isRevoked("s2", "u1", T0.minusSeconds(10)));
    }

    @Test
    void userRevocationPointRefusesTokensIssuedAtOrBeforeIt() {
        registry.revokeUserTokens("u1", T0);

        assertTrue(registry.isRevoked("s1", "u1", T0.minusSeconds(1)));
        assertTrue(registry.isRevoked("s1", "u1", T0), "a token issued in the same instant is dead");
        assertFalse(registry.isRevoked("s1", "u1", T0.plusSeconds(1)));
        assertFalse(registry.isRevoked("s1", "u2", T0.minusSeconds(1)), "other users are untouched");
    }

    @Test
    void laterRevocationPointWinsOverEarlier() {
        registry.revokeUserTokens("u1", T0.plusSeconds(20));
        registry.revokeUserTokens("u1", T0);

        assertEquals(Optional.of(T0.plusSeconds(20)), registry.userRevocationPoint("u1"));
    }

    @Test
    void entryIsKeptWhileATokenItAffectsCanStillBeAccepted() {
        registry.revokeSession("s1");
        registry.revokeUserTokens("u1", T0);

        clock.advance(WINDOW.minusSeconds(1));
        registry.prune();

        assertTrue(registry.isRevoked("s1", "u9", T0));
        assertTrue(registry.isRevoked("s9", "u1", T0));
    }

    @Test
    void entryIsDroppedOnceEveryTokenItAffectsHasExpired() {
        registry.revokeSession("s1");
        registry.revokeUserTokens("u1", T0);

        clock.advance(WINDOW.plusSeconds(1));
        registry.prune();

        assertEquals(0, registry.size());
        assertEquals(Optional.empty(), registry.userRevocationPoint("u1"));
    }

    @Test
    void sizeDoesNotGrowWithEndedSessionsBeyondTheWindow() {
        // One logout and one logout-all every second for an hour: only the last window's worth may be held.
        int maxSize = 0;
        for (int second = 0; second < 3600; second++) {
            registry.revokeSession("session-" + second);
            registry.revokeUserTokens("user-" + second, clock.instant());
            maxSize = Math.max(maxSize, registry.size());
            clock.advance(Duration.ofSeconds(1));
        }
        long perWindow = 2 * (WINDOW.toSeconds() + 10 + 2); // plus the prune cadence and the boundary seconds
        assertTrue(maxSize <= perWindow, "held " + maxSize + " entries, at most " + perWindow + " expected");
        assertTrue(maxSize >= 2 * WINDOW.toSeconds(), "entries still inside the window were dropped: " + maxSize);
    }

    @Test
    void sessionLoadedAtStartExpiresRelativeToItsRevocationTime() {
        registry.sessionRevokedAt("old", T0.minus(WINDOW).minusSeconds(1));
        registry.sessionRevokedAt("recent", T0.minusSeconds(5));
        registry.prune();

        assertFalse(registry.isRevoked("old", "u1", T0.minusSeconds(400)));
        assertTrue(registry.isRevoked("recent", "u1", T0.minusSeconds(60)));
    }

    @Test
    void horizonIsOneWindowAgo() {
        assertEquals(T0.minus(WINDOW), registry.horizon());
    }
}
