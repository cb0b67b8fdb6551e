package dev.sigil.keys;

import dev.sigil.config.JwtAlgorithm;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A signing-key store in memory, for KeyRing tests: the keys as the database would list them. */
final class StoredKeys extends SigningKeyStore {

    private final List<SigningKey> keys = new ArrayList<>();

    /** Adds an RS256 key that signs from {@code activatesAt} on; returns its kid. */
    SigningKey add(Instant activatesAt) {
        KeyPair pair = KeyMaterial.generate(JwtAlgorithm.RS256);
        SigningKey key = new SigningKey(KeyMaterial.thumbprint(pair.getPublic()), JwtAlgorithm.RS256,
                KeyMaterial.encode(pair.getPublic()), KeyMaterial.encode(pair.getPrivate()), activatesAt, activatesAt);
        keys.add(key);
        return key;
    }

    @Override
    public List<SigningKey> live(JwtAlgorithm algorithm, Instant since) {
        return keys.stream().filter(key -> !key.isRetired() || key.retiredAt().isAfter(since))
                .sorted(java.util.Comparator.comparing(SigningKey::activatesAt)).toList();
    }

    @Override
    public void ensureActiveKey(JwtAlgorithm algorithm) {
    }

    @Override
    KeyPair decode(SigningKey key) {
        return KeyMaterial.decode(key.algorithm(), key.publicKey(), key.privateKey());
    }
}
