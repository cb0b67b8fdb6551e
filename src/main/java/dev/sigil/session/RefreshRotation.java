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
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Refresh-token rotation with reuse detection (SPEC §4). Each refresh spends the presented token and issues its
 * successor in the same session. Locks are taken in the one order of every session change: the user row, then the
 * session row (SELECT ... FOR UPDATE, re-read after the lock), held for the whole rotation; so concurrent refreshes,
 * logouts and revocations of one family serialise in the database, on one node or many, and a refresh that waited
 * behind a logout sees the session revoked.
 * <p>
 * A spent token presented again is reuse, and revokes the whole family, unless it is the immediate predecessor of the
 * family's live token, within SIGIL_REFRESH_REUSE_GRACE of its rotation (a lost answer, a racing tab): then it gets
 * the SAME live token again, recomputed from the predecessor (see {@link RefreshTokens#successor}), with a fresh access
 * token. Once the live token is used, its predecessor is no longer the immediate predecessor of the live one, so it is
 * reuse. Every failure is {@code invalid_grant} (RFC 6749 §5.2), and what it records (a revocation, an audit event)
 * commits although the request fails.
 */
@ApplicationScoped
public class RefreshRotation {

    /** What a presented refresh token gets. */
    enum Outcome {
        /** Live and unexpired: spend it and issue its successor. */
        ROTATE,
        /** The immediate predecessor of the live token, within the grace: answer with the live token again. */
        REPLAY,
        /** Spent, and not graced: the family is revoked. */
        REUSE,
        /** Live but past its expiry. */
        EXPIRED
    }

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

    /** The rotation rule alone; {@code live} is the session's unspent token, if any. */
    static Outcome judge(RefreshToken presented, RefreshToken live, Instant now, Duration grace) {
        if (!presented.isSpent()) {
            return now.isBefore(presented.expiresAt()) ? Outcome.ROTATE : Outcome.EXPIRED;
        }
        boolean graced = live != null && live.wasRotatedFrom(presented)
                && now.isBefore(presented.spentAt().plus(grace));
        return graced ? Outcome.REPLAY : Outcome.REUSE;
    }

    /** POST /api/auth/refresh: the first-party API knows no OAuth clients, so any session's token is taken. */
    @Transactional(dontRollbackOn = InvalidGrant.class)
    public TokenResponse refresh(String presented, ClientInfo client) {
        return rotate(presented, client, false);
    }

    /**
     * POST /oauth2/token: as {@link #refresh}, and the session must have been started for the client_id the caller
     * names now ({@code client.clientId()}, none for none). RFC 6749 §6: a refresh token is bound to its client; a
     * mismatch is {@code invalid_grant}, and spends, revokes and records nothing.
     */
    @Transactional(dontRollbackOn = InvalidGrant.class)
    public TokenResponse refreshForClient(String presented, ClientInfo client) {
        return rotate(presented, client, true);
    }

    private TokenResponse rotate(String presented, ClientInfo client, boolean bindToClient) {
        RefreshToken token = RefreshToken.findPresented(em, presented).orElseThrow(InvalidGrant::new);
        Session session = token.session();
        User user = users.lockById(session.userId()).orElse(null);
        em.refresh(session, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(token);
        Instant now = clock.instant();
        if (user == null || !session.isActive(now)) {
            throw new InvalidGrant();
        }
        if (bindToClient && !Objects.equals(session.clientId(), client.clientId())) {
            throw new InvalidGrant();
        }
        if (!user.isEnabled()) {
            end(session, now);
            throw new InvalidGrant();
        }
        RefreshToken live = liveToken(session);
        NewSession next = switch (judge(token, live, now, config.refreshReuseGrace())) {
            case EXPIRED -> throw new InvalidGrant();
            case REUSE -> {
                end(session, now);
                audit.record(AuditType.REFRESH_REUSE_DETECTED, user.username(), client, "session " + session.id());
                throw new InvalidGrant();
            }
            case REPLAY -> replay(session, token, presented, live, now);
            case ROTATE -> {
                token.spend(now);
                session.touch(now, config.refreshTokenTtl());
                yield sessions.rotate(session, token, presented, now);
            }
        };
        audit.record(AuditType.REFRESH, user.username(), client, "session " + session.id());
        return TokenResponse.of(accessTokens.issue(user.id(), user.username(), user.roles(), session.id(),
                user.revokedBefore()), next);
    }

    /**
     * The live token again. A live token issued before rotation seeds existed is not derivable: then, as before,
     * it is spent and the predecessor gets a successor, so that still one chain stays alive.
     */
    private NewSession replay(Session session, RefreshToken predecessor, String presented, RefreshToken live,
            Instant now) {
        String value = RefreshTokens.successor(session.rotationSeed(), presented);
        if (live.hasValue(value)) {
            return Sessions.answer(session, value, live.expiresAt(), now);
        }
        live.spend(now);
        session.touch(now, config.refreshTokenTtl());
        return sessions.rotate(session, predecessor, presented, now);
    }

    private RefreshToken liveToken(Session session) {
        return em.createNamedQuery("RefreshToken.findLive", RefreshToken.class)
                .setParameter("session", session)
                .getResultStream().findFirst().orElse(null);
    }

    private void end(Session session, Instant now) {
        session.revoke(now);
        revocations.revokeSession(session.id(), now);
    }
}
