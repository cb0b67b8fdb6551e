package dev.sigil.revocation;

import dev.sigil.config.StartProblems;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Loads the revocations whose tokens may still be live, so that a restart forgets none. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class RevocationStartup {

    private static final Logger LOG = Logger.getLogger(RevocationStartup.class.getName());

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    RevocationRegistry registry;

    @PostConstruct
    void load() {
        if (StartProblems.any()) {
            return;
        }
        Instant horizon = registry.horizon();
        List<Object[]> sessions = rows("SELECT s.id, s.revokedAt FROM Session s WHERE s.revokedAt > :horizon", horizon);
        sessions.forEach(row -> registry.sessionRevokedAt((String) row[0], (Instant) row[1]));
        List<Object[]> users = rows("SELECT u.id, u.revokedBefore FROM User u WHERE u.revokedBefore > :horizon", horizon);
        users.forEach(row -> registry.revokeUserTokens((String) row[0], (Instant) row[1]));
        LOG.info(() -> "Loaded " + sessions.size() + " revoked sessions and " + users.size() + " user revocation points");
    }

    private List<Object[]> rows(String jpql, Instant horizon) {
        return em.createQuery(jpql, Object[].class).setParameter("horizon", horizon).getResultList();
    }
}
