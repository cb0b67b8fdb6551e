package dev.sigil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.config.SigilConfig;
import dev.sigil.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which key signs (issue 11 #6): the newest whose activation instant has come, switched from memory at that instant,
 * while a rotated-in key is published and verifies from the rotation on; the key it replaces verifies for the token
 * lifetime counted from the switch, not from the rotation.
 */
class KeyRingActivationTest {

    private static final Instant ROTATED_AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration DELAY = Duration.ofMinutes(6);
    private static final Instant ACTIVATES_AT = ROTATED_AT.plus(DELAY);
    /** Default access-token TTL of 5 minutes, plus 30 s leeway, plus the second the verifier rounds to. */
    private static final Duration RETENTION = Duration.ofSeconds(331);

    private final MutableClock clock = new MutableClock(ROTATED_AT);
    private final StoredKeys store = new StoredKeys();
    private KeyRing ring;
    private String oldKid;
    private String newKid;

    /** The state a delayed rotation at ROTATED_AT leaves in the database. */
    @BeforeEach
    void rotated() {
        SigningKey old = store.add(ROTATED_AT.minus(Duration.ofDays(1)));
        old.retire(ACTIVATES_AT);
        oldKid = old.kid();
        newKid = store.add(ACTIVATES_AT).kid();
        ring = new KeyRing(SigilConfig.from(name -> Optional.empty()), store, clock);
        ring.reload();
    }

    @Test
    void theOldKeySignsUntilTheSecondBeforeActivationWhileBothArePublished() {
        clock.set(ACTIVATES_AT.minusSeconds(1));
        KeyRing.Keys keys = ring.keys();
        assertEquals(oldKid, keys.signingKid());
        assertEquals(Set.of(oldKid, newKid), keys.verifiers().keySet(), "the new key verifies before it signs");
        assertTrue(keys.jwks().contains(oldKid) && keys.jwks().contains(newKid));
    }

    @Test
    void rightAfterTheRotationTheNewKeyIsPublishedButDoesNotSign() {
        KeyRing.Keys keys = ring.keys();
        assertEquals(oldKid, keys.signingKid());
        assertTrue(keys.jwks().contains(newKid));
        assertEquals(ACTIVATES_AT, keys.nextChange());
    }

    @Test
    void theNewKeySignsFromItsActivationInstantWithoutAReload() {
        clock.set(ACTIVATES_AT);
        KeyRing.Keys keys = ring.keys();
        assertEquals(newKid, keys.signingKid());
        assertSame(keys.verifiers().get(newKid), keys.signer());
    }

    @Test
    void theReplacedKeyVerifiesForTheTokenLifetimeCountedFromActivation() {
        clock.set(ACTIVATES_AT.plus(RETENTION).minusSeconds(1));
        assertEquals(Set.of(oldKid, newKid), ring.keys().verifiers().keySet());
        clock.set(ACTIVATES_AT.plus(RETENTION).plusSeconds(1));
        KeyRing.Keys keys = ring.keys();
        assertEquals(Set.of(newKid), keys.verifiers().keySet());
        assertNull(keys.nextChange(), "nothing more is due");
    }

    @Test
    void ofSeveralActivatedKeysTheOneActivatedLastSigns() {
        SigningKey newer = store.add(ACTIVATES_AT.plusSeconds(60));
        clock.set(ACTIVATES_AT.plusSeconds(59));
        ring.reload();
        assertEquals(newKid, ring.keys().signingKid());
        clock.set(ACTIVATES_AT.plusSeconds(60));
        assertEquals(newer.kid(), ring.keys().signingKid());
    }

    @Test
    void whenNoKeyIsActiveYetTheFirstToActivateSigns() {
        // A node whose clock is behind the node that generated the first key.
        StoredKeys fresh = new StoredKeys();
        String first = fresh.add(ROTATED_AT.plusSeconds(2)).kid();
        fresh.add(ROTATED_AT.plusSeconds(400));
        KeyRing behind = new KeyRing(SigilConfig.from(name -> Optional.empty()), fresh, clock);
        assertEquals(first, behind.reload().signingKid());
    }
}
