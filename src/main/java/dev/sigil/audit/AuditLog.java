package dev.sigil.audit;

import dev.sigil.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

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

    @Inject
    Event<AuditRecorded> recorded;

    /** The detail names the OAuth 2.0 client when the caller named one (RFC 6749 client_id). */
    @Transactional
    public void record(AuditType type, String username, ClientInfo client, String detail) {
        em.persist(new AuditEvent(clock.instant(), type, username, client == null ? null : client.ip(),
                withClient(detail, client)));
        recorded.fire(new AuditRecorded(type, detail));
    }

    static String withClient(String detail, ClientInfo client) {
        if (client == null || client.clientId() == null) {
            return detail;
        }
        String named = "client " + client.clientId();
        return detail == null ? named : detail + ", " + named;
    }

    /** Events newest first, optionally of one username (case-insensitive) and one type. */
    @Transactional
    public List<AuditEvent> query(String username, AuditType type, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE 1 = 1");
        if (username != null) {
            jpql.append(" AND LOWER(e.username) = :username");
        }
        if (type != null) {
            jpql.append(" AND e.type = :type");
        }
        jpql.append(" ORDER BY e.occurredAt DESC");
        TypedQuery<AuditEvent> query = em.createQuery(jpql.toString(), AuditEvent.class).setMaxResults(limit);
        if (username != null) {
            query.setParameter("username", username.toLowerCase(Locale.ROOT));
        }
        if (type != null) {
            query.setParameter("type", type);
        }
        return query.getResultList();
    }
}
