package dev.sigil.login;

import dev.sigil.config.SigilConfig;
import dev.sigil.user.Usernames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;

/**
 * Locks a login name for SIGIL_LOCKOUT_DURATION after SIGIL_LOCKOUT_THRESHOLD consecutive failures. Names that do not
 * exist lock alike, so a lock tells nothing about which accounts exist.
 */
@ApplicationScoped
public class Lockout {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    SigilConfig config;

    @Inject
    Clock clock;

    @Inject
    LockoutWrites writes;

    /** Keyed like usernames: case-insensitively. */
    static String key(String username) {
        return Usernames.key(username);
    }

    /** How long the name stays locked; zero when it is not. */
    @Transactional
    public Duration lockedFor(String username) {
        LoginAttempt attempt = em.find(LoginAttempt.class, key(username));
        return attempt == null ? Duration.ZERO : attempt.lockedFor(clock.instant());
    }

    /** Counts a failure, in its own transaction so that it commits whatever the login does; true when now locked. */
    public boolean recordFailure(String username) {
        try {
            return writes.recordFailure(key(username));
        } catch (PersistenceException | jakarta.transaction.TransactionalException firstFailureRaced) {
            // Two first failures for one name raced to insert the row; the row exists now, so count again.
            return writes.recordFailure(key(username));
        }
    }

    @Transactional
    public void reset(String username) {
        em.createQuery("DELETE FROM LoginAttempt a WHERE a.usernameKey = :key")
                .setParameter("key", key(username)).executeUpdate();
    }

    /** The write side, a separate bean so that its REQUIRES_NEW transaction is applied by the interceptor. */
    @ApplicationScoped
    public static class LockoutWrites {

        @PersistenceContext(unitName = "sigil")
        EntityManager em;

        @Inject
        SigilConfig config;

        @Inject
        Clock clock;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public boolean recordFailure(String key) {
            LoginAttempt attempt = em.find(LoginAttempt.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (attempt == null) {
                attempt = new LoginAttempt(key, clock.instant());
                em.persist(attempt);
            }
            boolean locked = attempt.recordFailure(clock.instant(), config.lockoutThreshold(), config.lockoutDuration());
            em.flush();
            return locked;
        }
    }
}
