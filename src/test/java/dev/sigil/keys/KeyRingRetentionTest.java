package dev.sigil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sigil.config.SigilConfig;
import dev.sigil.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A retired key verifies (and is published) exactly while a token it signed can still be accepted. */
class KeyRingRetentionTest {

    private static final Instant RETIRED_AT = Instant.parse("2026-11-23T12:00:00Z");
    /** Default access-token TTL of 5 minutes, plus 30 s leeway, plus the second the verifier rounds to. */
    private static final Duration RETENTION = Duration.ofSeconds(331);

    private final MutableClock clock = new MutableClock(RETIRED_AT);
    private KeyRing ring;
    private String oldKid;
    private String newKid;

    @BeforeEach
    void keys() {
        StoredKeys store = new StoredKeys();
        SigningKey retired = store.add(RETIRED_AT.minusSeconds(3600));
        retired.retire(RETIRED_AT);
        oldKid = retired.kid();
        newKid = store.add(RETIRED_AT).kid();
        ring = new KeyRing(SigilConfig.from(name -> Optional.empty()), store, clock);
        ring.reload();
    }

    @Test
    void retiredKeyVerifiesUntilItsLastTokenCanNoLongerBeAccepted() {
        clock.set(RETIRED_AT.plus(RETENTION).minusSeconds(1));
        assertEquals(Set.of(oldKid, newKid), ring.keys().verifiers().keySet());
        assertEquals(newKid, ring.keys().signingKid(), "the active key signs");
    }

    @Test
    void retiredKeyIsDroppedFromMemoryAndJwksAfterwardsWithoutAReload() {
        clock.set(RETIRED_AT.plus(RETENTION).plusSeconds(1));
        KeyRing.Keys keys = ring.keys();
        assertEquals(Set.of(newKid), keys.verifiers().keySet());
        assertFalse(keys.jwks().contains(oldKid));
        assertEquals(newKid, keys.signingKid());
    }

    @Test
    void retentionIsTheAccessTokenLifetimePlusLeeway() {
        assertEquals(RETENTION, ring.retention());
    }
}
