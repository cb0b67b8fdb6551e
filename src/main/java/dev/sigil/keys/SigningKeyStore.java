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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Stores a new key that is published at once and signs from {@code now + delay} on; every key not yet retired is
     * retired at that instant, and keeps signing until then.
     */
    public Rotation rotate(JwtAlgorithm algorithm, Duration delay) {
        List<SigningKey> current = live(algorithm, clock.instant()).stream().filter(key -> !key.isRetired()).toList();
        SigningKey key = insertNew(algorithm, delay);
        current.forEach(old -> old.retire(key.activatesAt()));
        return new Rotation(key.kid(), algorithm, key.createdAt(), key.activatesAt(),
                current.stream().map(SigningKey::kid).toList(), List.of());
    }

    /**
     * Stores a new key that signs at once, and deletes every other key of {@code algorithm}: whoever holds a
     * compromised key could sign tokens with it, so none of them may verify any more, nor stay in the database.
     */
    public Rotation rotateImmediately(JwtAlgorithm algorithm) {
        List<String> withdrawn = new ArrayList<>();
        for (SigningKey key : live(algorithm, Instant.EPOCH)) {
            withdrawn.add(key.kid());
            em.remove(key);
        }
        SigningKey key = insertNew(algorithm, Duration.ZERO);
        return new Rotation(key.kid(), algorithm, key.createdAt(), key.activatesAt(), List.of(), List.copyOf(withdrawn));
    }

    /** The outcome of a rotation, as POST /api/admin/keys/rotate shows it. */
    public record Rotation(String kid, JwtAlgorithm algorithm, Instant createdAt, Instant activatesAt,
            List<String> retired, List<String> withdrawn) {
    }

    /** Keys of {@code algorithm} that are not retired, or were retired after {@code since}. In order of activation. */
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
            insertNew(algorithm, Duration.ZERO);
        }
    }

    /** Generates and stores a key that signs {@code delay} after it was generated (and is published at commit). */
    SigningKey insertNew(JwtAlgorithm algorithm, Duration delay) {
        KeyPair pair = KeyMaterial.generate(algorithm);
        String kid = KeyMaterial.thumbprint(pair.getPublic());
        // After the generation (an RSA key may take a second or two): the delay counts from publication.
        Instant now = clock.instant();
        // A delayed activation falls on a whole second, as the rotate answer shows it (no later than it says).
        Instant activatesAt = delay.isZero() ? now
                : now.plus(delay).plusNanos(999_999_999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SigningKey key = new SigningKey(kid, algorithm, KeyMaterial.encode(pair.getPublic()),
                seal.seal(kid, KeyMaterial.encode(pair.getPrivate())), now, activatesAt);
        em.persist(key);
        keysChanged.fire(new SigningKeysChanged(kid));
        LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + key.kid() + ", signing from " + activatesAt);
        return key;
    }
}
