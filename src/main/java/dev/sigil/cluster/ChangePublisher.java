package dev.sigil.cluster;

import dev.sigil.config.SigilConfig;
import dev.sigil.keys.SigningKeysChanged;
import dev.sigil.revocation.SessionEnded;
import dev.sigil.revocation.UserTokensRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Tells every node of a change the bearer filter must see, in the very transaction that records it: PostgreSQL
 * delivers a NOTIFY only when that transaction commits, and never after a rollback, so the notice and the change are
 * one. On H2 (one node) there is nobody to tell.
 */
@ApplicationScoped
public class ChangePublisher {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    SigilConfig config;

    void sessionEnded(@Observes SessionEnded event) {
        publish(ChangeNotice.session(event.sessionId(), event.at()));
    }

    void userTokensRevoked(@Observes UserTokensRevoked event) {
        publish(ChangeNotice.user(event.userId(), event.point()));
    }

    void keysChanged(@Observes SigningKeysChanged event) {
        publish(ChangeNotice.keys());
    }

    private void publish(ChangeNotice notice) {
        if (!config.postgresDatabase()) {
            return;
        }
        em.createNativeQuery("SELECT pg_notify(?, ?)")
                .setParameter(1, ChangeNotice.CHANNEL)
                .setParameter(2, notice.payload())
                .getSingleResult();
    }
}
