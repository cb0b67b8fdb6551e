package dev.sigil.session;

import dev.sigil.config.SigilConfig;
import dev.sigil.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Starts sessions: a session row and its first refresh token. */
@ApplicationScoped
public class Sessions {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    SigilConfig config;

    @Inject
    Clock clock;

    @Transactional
    public NewSession start(String userId, ClientInfo client) {
        Instant now = clock.instant();
        Session session = new Session(userId, client, now, config.refreshTokenTtl(), config.sessionMaxLifetime());
        em.persist(session);
        String value = RefreshTokens.generate();
        em.persist(new RefreshToken(session, null, RefreshTokens.hash(value), now, session.expiresAt()));
        return answer(session, value, session.expiresAt(), now);
    }

    /** The successor of {@code parent}, whose value is {@code parentValue}: derived, so a replay can recompute it. */
    NewSession rotate(Session session, RefreshToken parent, String parentValue, Instant now) {
        String value = RefreshTokens.successor(session.rotationSeed(), parentValue);
        em.persist(new RefreshToken(session, parent, RefreshTokens.hash(value), now, session.expiresAt()));
        return answer(session, value, session.expiresAt(), now);
    }

    static NewSession answer(Session session, String value, Instant expiresAt, Instant now) {
        return new NewSession(session.id(), value, Duration.between(now, expiresAt).toSeconds());
    }
}
