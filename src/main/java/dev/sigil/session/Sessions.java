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
        return issueRefreshToken(session, null, now);
    }

    NewSession issueRefreshToken(Session session, RefreshToken parent, Instant now) {
        String value = RefreshTokens.generate();
        em.persist(new RefreshToken(session, parent, RefreshTokens.hash(value), now, session.expiresAt()));
        return new NewSession(session.id(), value, Duration.between(now, session.expiresAt()).toSeconds());
    }
}
