package dev.sigil.keys;

import dev.sigil.config.JwtAlgorithm;
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
        SigningKey key = new SigningKey(KeyMaterial.thumbprint(pair.getPublic()), algorithm,
                KeyMaterial.encode(pair.getPublic()), KeyMaterial.encode(pair.getPrivate()), clock.instant());
        em.persist(key);
        LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + key.kid());
        return key;
    }
}
