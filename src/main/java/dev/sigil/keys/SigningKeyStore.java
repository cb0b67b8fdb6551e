package dev.sigil.keys;

import dev.sigil.config.JwtAlgorithm;
import dev.sigil.config.SigilConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Generated signing keys in the database. */
@ApplicationScoped
@Transactional
public class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SigilConfig config;

    @Inject
    jakarta.enterprise.event.Event<SigningKeysChanged> keysChanged;

    private PrivateKeySeal seal;

    @PostConstruct
    void prepareSeal() {
        seal = new PrivateKeySeal(config.keyEncryptionSecret());
    }

    /** The key pair of a stored key, decrypting the private key when it is stored encrypted. */
    KeyPair decode(SigningKey key) {
        return KeyMaterial.decode(key.algorithm(), key.publicKey(), seal.open(key.kid(), key.privateKey()));
    }

    /** Retires every active key of {@code algorithm} and stores a new one; returns the new key and the retired kids. */
    public Rotation rotate(JwtAlgorithm algorithm) {
        Instant now = clock.instant();
        List<String> retired = new java.util.ArrayList<>();
        for (SigningKey key : live(algorithm, now)) {
            if (!key.isRetired()) {
                key.retire(now);
                retired.add(key.kid());
            }
        }
        SigningKey key = insertNew(algorithm);
        return new Rotation(key.kid(), algorithm, key.createdAt(), List.copyOf(retired));
    }

    /** The outcome of a rotation, as POST /api/admin/keys/rotate shows it. */
    public record Rotation(String kid, JwtAlgorithm algorithm, Instant createdAt, List<String> retired) {
    }

    /** Keys of {@code algorithm} that are active, or were retired after {@code since}. Oldest first. */
    public List<SigningKey> live(JwtAlgorithm algorithm, Instant since) {
        return em.createNamedQuery("SigningKey.findLive", SigningKey.class)
                .setParameter("algorithm", algorithm)
                .setParameter("since", since)
                .getResultList();
    }

    /** Generates and stores a key when no active key of {@code algorithm} exists. */
    public void ensureActiveKey(JwtAlgorithm algorithm) {
        boolean hasActive = live(algorithm, clock.instant()).stream().anyMatch(key -> !key.isRetired());
        if (!hasActive) {
            insertNew(algorithm);
        }
    }

    SigningKey insertNew(JwtAlgorithm algorithm) {
        KeyPair pair = KeyMaterial.generate(algorithm);
        String kid = KeyMaterial.thumbprint(pair.getPublic());
        SigningKey key = new SigningKey(kid, algorithm, KeyMaterial.encode(pair.getPublic()),
                seal.seal(kid, KeyMaterial.encode(pair.getPrivate())), clock.instant());
        em.persist(key);
        keysChanged.fire(new SigningKeysChanged(kid));
        LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + key.kid());
        return key;
    }
}
