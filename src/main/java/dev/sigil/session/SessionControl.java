package dev.sigil.session;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.revocation.Revocations;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ends sessions: logout, logout-all, deleting one's own session, and ending every other session. Locks are taken in
 * the one order of every session change (the user row, then the session rows, re-read under the lock), so a logout
 * racing a refresh of the same session waits for it instead of failing, and then ends the session with whatever
 * token the refresh issued. The in-memory revocations follow the commit (see {@link Revocations}).
 */
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
        users.lockById(caller.userId());
        Instant now = clock.instant();
        endOwn(caller, lockSession(caller.sessionId()), now);
        // Only the caller's own sessions are locked (a session's user never changes): all under the caller's row lock.
        refreshToken.flatMap(this::sessionOf)
                .filter(session -> session.userId().equals(caller.userId()))
                .map(session -> lockSession(session.id()))
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
        return active(caller.userId(), clock.instant(), LockModeType.NONE).stream()
                .map(session -> SessionView.of(session, session.id().equals(caller.sessionId())))
                .toList();
    }

    /** Ends one of the caller's sessions; 404 for any id that is not an active session of the caller. */
    public void delete(SigilPrincipal caller, String sessionId, ClientInfo client) {
        users.lockById(caller.userId());
        Instant now = clock.instant();
        endOwn(caller, lockSession(sessionId), now);
        audit.record(AuditType.LOGOUT, caller.username(), client, "session " + sessionId);
    }

    /**
     * RFC 7009 for an access token whose signature and claims verified: ends its session ({@code sid}). Nothing
     * happens when that session has already ended; revocation is idempotent.
     */
    public void revoke(SigilPrincipal holder, ClientInfo client) {
        users.lockById(holder.userId());
        endIfOpen(lockSession(holder.sessionId()), holder.username(), client, ", revoked (RFC 7009)");
    }

    /**
     * RFC 7009 for a refresh token: ends its session, whether the token is the live one or one already rotated (as a
     * reused token would). Nothing happens for a token Sigil never issued or a session that has already ended.
     */
    public void revokeRefreshToken(String refreshToken, ClientInfo client) {
        endSessionOf(refreshToken, client, ", revoked (RFC 7009)");
    }

    /**
     * The browser mode's logout, by the refresh token of its cookie: ends that token's session, as
     * {@link #revokeRefreshToken} does. Nothing happens for a token Sigil never issued or a session already ended.
     */
    public void logoutByRefreshToken(String refreshToken, ClientInfo client) {
        endSessionOf(refreshToken, client, ", browser logout");
    }

    /**
     * The browser mode's logout-all, by the refresh token of its cookie: as {@link #logoutAll} for the user of the
     * token's session, which must still be active ({@code invalid_grant} otherwise: an ended session's cookie ends
     * nothing).
     */
    public void logoutAllByRefreshToken(String refreshToken, ClientInfo client) {
        Session session = sessionOf(refreshToken).orElseThrow(InvalidGrant::new);
        Optional<User> user = users.lockById(session.userId());
        Instant now = clock.instant();
        if (user.isEmpty() || !lockSession(session.id()).isActive(now)) {
            throw new InvalidGrant();
        }
        endAllSessions(user.get().id(), null, now);
        users.revokeAccessTokens(user.get(), now);
        audit.record(AuditType.LOGOUT_ALL, user.get().username(), client, "browser, from session " + session.id());
    }

    private void endSessionOf(String refreshToken, ClientInfo client, String detail) {
        Optional<Session> found = sessionOf(refreshToken);
        if (found.isEmpty()) {
            return;
        }
        String username = users.lockById(found.get().userId()).map(User::username).orElse(null);
        endIfOpen(lockSession(found.get().id()), username, client, detail);
    }

    private void endIfOpen(Session session, String username, ClientInfo client, String detail) {
        if (session != null && !session.isRevoked()) {
            end(session, clock.instant());
            audit.record(AuditType.LOGOUT, username, client, "session " + session.id() + detail);
        }
    }

    /**
     * Ends every active session of {@code userId} except {@code keep} (null: all). The caller holds the user's row
     * locked (password change, disable, delete, logout-all); the session rows are locked here.
     */
    public void endAllSessions(String userId, String keep, Instant now) {
        active(userId, now, LockModeType.PESSIMISTIC_WRITE).stream()
                .filter(session -> !session.id().equals(keep))
                .forEach(session -> end(session, now));
    }

    private void endOwn(SigilPrincipal caller, Session session, Instant now) {
        if (session == null || !session.userId().equals(caller.userId()) || session.isRevoked()) {
            throw new NotFound("There is no such session of yours.");
        }
        end(session, now);
    }

    /** The session row, locked until the transaction ends and read after the lock was granted; null if none. */
    private Session lockSession(String sessionId) {
        Session session = sessionId == null ? null : em.find(Session.class, sessionId);
        if (session != null) {
            em.refresh(session, LockModeType.PESSIMISTIC_WRITE);
        }
        return session;
    }

    private Optional<Session> sessionOf(String refreshToken) {
        return RefreshToken.findPresented(em, refreshToken).map(RefreshToken::session);
    }

    private List<Session> active(String userId, Instant now, LockModeType lock) {
        return em.createNamedQuery("Session.findActiveByUser", Session.class)
                .setParameter("userId", userId)
                .setParameter("now", now)
                .setLockMode(lock)
                .getResultList();
    }

    private void end(Session session, Instant now) {
        session.revoke(now);
        revocations.revokeSession(session.id(), now);
    }
}
