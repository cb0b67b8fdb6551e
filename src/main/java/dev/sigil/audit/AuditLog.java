package dev.sigil.audit;

import dev.sigil.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Appends audit events in the caller's transaction. Callers that fail the request after recording must make
 * sure their transaction still commits (see {@code dontRollbackOn} on the login and refresh services).
 */
@ApplicationScoped
public class AuditLog {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public void record(AuditType type, String username, ClientInfo client, String detail) {
        em.persist(new AuditEvent(clock.instant(), type, username, client == null ? null : client.ip(), detail));
    }
}
