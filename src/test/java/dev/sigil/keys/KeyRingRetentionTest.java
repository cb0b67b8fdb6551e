package dev.sigil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigil.config.JwtAlgorithm;
import dev.sigil.config.SigilConfig;
import dev.sigil.testsupport.MutableClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        SigilConfig config = SigilConfig.from(name -> Optional.empty());
        KeyPair oldPair = KeyMaterial.generate(JwtAlgorithm.RS256);
        KeyPair newPair = KeyMaterial.generate(JwtAlgorithm.RS256);
        oldKid = KeyMaterial.thumbprint(oldPair.getPublic());
        newKid = KeyMaterial.thumbprint(newPair.getPublic());
        SigningKey retired = stored(oldKid, oldPair, RETIRED_AT.minusSeconds(3600));
        retired.retire(RETIRED_AT);
        SigningKey active = stored(newKid, newPair, RETIRED_AT);
        SigningKeyStore store = new SigningKeyStore() {
            @Override
            public List<SigningKey> live(JwtAlgorithm algorithm, Instant since) {
                return List.of(retired, active);
            }

            @Override
            public void ensureActiveKey(JwtAlgorithm algorithm) {
            }

            @Override
            KeyPair decode(SigningKey key) {
                return KeyMaterial.decode(key.algorithm(), key.publicKey(), key.privateKey());
            }
        };
        ring = new KeyRing(config, store, clock);
        ring.reload();
    }

    private static SigningKey stored(String kid, KeyPair pair, Instant createdAt) {
        return new SigningKey(kid, JwtAlgorithm.RS256, KeyMaterial.encode(pair.getPublic()),
                KeyMaterial.encode(pair.getPrivate()), createdAt);
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
        assertEquals(false, keys.jwks().contains(oldKid));
        assertEquals(newKid, keys.signingKid());
    }

    @Test
    void retentionIsTheAccessTokenLifetimePlusLeeway() {
        assertEquals(RETENTION, ring.retention());
    }
}
