package dev.sigil.session;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.revocation.Revocations;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Ends sessions: logout, logout-all, deleting one's own session, and ending every other session. */
@ApplicationScoped
@Transactional
public class SessionControl {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UserStore users;

    @Inject
    Revocations revocations;

    @Inject
    AuditLog audit;

    /** Ends the caller's session, and the session of {@code refreshToken} too when it is the caller's. */
    public void logout(SigilPrincipal caller, Optional<String> refreshToken, ClientInfo client) {
        Instant now = clock.instant();
        endOwn(caller, caller.sessionId(), now);
        refreshToken.flatMap(this::sessionOf)
                .filter(session -> session.userId().equals(caller.userId()))
                .ifPresent(session -> end(session, now));
        audit.record(AuditType.LOGOUT, caller.username(), client, "session " + caller.sessionId());
    }

    /** Ends every session of the caller; every access token issued until now stops working. */
    public void logoutAll(SigilPrincipal caller, ClientInfo client) {
        Optional<User> user = users.lockById(caller.userId());
        Instant now = clock.instant();
        endAllSessions(caller.userId(), null, now);
        user.ifPresent(found -> users.revokeAccessTokens(found, now));
        audit.record(AuditType.LOGOUT_ALL, caller.username(), client, null);
    }

    public List<SessionView> list(SigilPrincipal caller) {
        return active(caller.userId(), clock.instant()).stream()
                .map(session -> SessionView.of(session, session.id().equals(caller.sessionId())))
                .toList();
    }

    /** Ends one of the caller's sessions; 404 for any id that is not an active session of the caller. */
    public void delete(SigilPrincipal caller, String sessionId, ClientInfo client) {
        endOwn(caller, sessionId, clock.instant());
        audit.record(AuditType.LOGOUT, caller.username(), client, "session " + sessionId);
    }

    /** Ends every active session of {@code userId} except {@code keep} (null: all). */
    public void endAllSessions(String userId, String keep, Instant now) {
        active(userId, now).stream()
                .filter(session -> !session.id().equals(keep))
                .forEach(session -> end(session, now));
    }

    private void endOwn(SigilPrincipal caller, String sessionId, Instant now) {
        Session session = sessionId == null ? null : em.find(Session.class, sessionId);
        if (session == null || !session.userId().equals(caller.userId()) || session.isRevoked()) {
            throw new NotFound("There is no such session of yours.");
        }
        end(session, now);
    }

    private Optional<Session> sessionOf(String refreshToken) {
        return em.createNamedQuery("RefreshToken.findByHash", RefreshToken.class)
                .setParameter("hash", RefreshTokens.hash(refreshToken))
                .getResultStream().findFirst().map(RefreshToken::session);
    }

    private List<Session> active(String userId, Instant now) {
        return em.createNamedQuery("Session.findActiveByUser", Session.class)
                .setParameter("userId", userId)
                .setParameter("now", now)
                .getResultList();
    }

    private void end(Session session, Instant now) {
        session.revoke(now);
        revocations.revokeSession(session.id());
    }
}
