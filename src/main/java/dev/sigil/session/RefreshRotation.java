package dev.sigil.session;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.SigilConfig;
import dev.sigil.revocation.Revocations;
import dev.sigil.token.AccessTokenIssuer;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Refresh-token rotation with reuse detection (SPEC §4). Each refresh spends the presented token and issues a new
 * pair in the same session. The session row is locked (SELECT ... FOR UPDATE) for the whole rotation, so concurrent
 * refreshes of one family serialise in the database, on one node or many.
 * <p>
 * A spent token presented again is reuse, and revokes the whole family, unless it is the immediate predecessor of the
 * family's newest token and within SIGIL_REFRESH_REUSE_GRACE of its rotation (concurrent tabs): then it gets a new
 * pair and the newest token is spent, so that at most one chain stays alive. Every failure is {@code invalid_grant}
 * (RFC 6749 §5.2), and what it records (a revocation, an audit event) commits although the request fails.
 */
@ApplicationScoped
public class RefreshRotation {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    SigilConfig config;

    @Inject
    Clock clock;

    @Inject
    Sessions sessions;

    @Inject
    UserStore users;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    Revocations revocations;

    @Inject
    AuditLog audit;

    @Transactional(dontRollbackOn = InvalidGrant.class)
    public TokenResponse refresh(String presented, ClientInfo client) {
        RefreshToken token = em.createNamedQuery("RefreshToken.findByHash", RefreshToken.class)
                .setParameter("hash", RefreshTokens.hash(presented))
                .getResultStream().findFirst()
                .orElseThrow(InvalidGrant::new);
        Session session = token.session();
        User user = users.lockById(session.userId()).orElse(null);
        em.refresh(session, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(token);
        Instant now = clock.instant();
        if (user == null || !session.isActive(now)) {
            throw new InvalidGrant();
        }
        if (!user.isEnabled()) {
            end(session, now);
            throw new InvalidGrant();
        }
        if (token.isSpent()) {
            RefreshToken newest = liveToken(session);
            boolean graced = newest != null && newest.wasRotatedFrom(token)
                    && now.isBefore(token.spentAt().plus(config.refreshReuseGrace()));
            if (!graced) {
                end(session, now);
                audit.record(AuditType.REFRESH_REUSE_DETECTED, user.username(), client, "session " + session.id());
                throw new InvalidGrant();
            }
            newest.spend(now);
        } else if (!now.isBefore(token.expiresAt())) {
            throw new InvalidGrant();
        } else {
            token.spend(now);
        }
        session.touch(now, config.refreshTokenTtl());
        NewSession next = sessions.issueRefreshToken(session, token, now);
        audit.record(AuditType.REFRESH, user.username(), client, "session " + session.id());
        return TokenResponse.of(accessTokens.issue(user.id(), user.username(), user.roles(), session.id()), next);
    }

    private RefreshToken liveToken(Session session) {
        return em.createNamedQuery("RefreshToken.findLive", RefreshToken.class)
                .setParameter("session", session)
                .getResultStream().findFirst().orElse(null);
    }

    private void end(Session session, Instant now) {
        session.revoke(now);
        revocations.revokeSession(session.id());
    }
}
