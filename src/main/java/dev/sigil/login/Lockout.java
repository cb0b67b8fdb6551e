package dev.sigil.login;

import dev.sigil.config.SigilConfig;
import dev.sigil.web.ServerBusy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Locks a login name for SIGIL_LOCKOUT_DURATION after SIGIL_LOCKOUT_THRESHOLD consecutive failures. Names that do not
 * exist lock alike, so a lock tells nothing about which accounts exist.
 *
 * <p>Every attempt is reserved (counted) under the row lock of its name, in a short transaction of its own, before its
 * password is hashed; the hash runs with no transaction open. So however many attempts arrive at once, at most
 * THRESHOLD are judged per lock period: the others find the name locked. A success clears the count afterwards.
 */
@ApplicationScoped
public class Lockout {

    /** Tries of a reservation that lost a race (a first insert of the name, a lock wait that timed out). */
    private static final int RESERVE_TRIES = 3;

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    LockoutWrites writes;

    /**
     * A reserved attempt of the name {@code key}. {@code lockedFor} is non-zero when the name was locked and the
     * attempt must not be judged; {@code lockedUntil} is the lock the reservation itself set, if it reached the
     * threshold.
     */
    public record Attempt(String key, Duration lockedFor, Instant lockedUntil) {

        public boolean locked() {
            return !lockedFor.isZero();
        }

        /** True when this attempt was the last one the lock period judges: its failure locks the name. */
        public boolean reachedThreshold() {
            return !locked() && lockedUntil != null;
        }
    }

    /** Reserves an attempt for the key of a login name ({@link dev.sigil.user.Usernames#lookupKey}). */
    public Attempt reserve(String key) {
        for (int tries = 1; ; tries++) {
            try {
                return writes.reserve(key);
            } catch (PersistenceException | TransactionalException raced) {
                // Two first attempts of a name raced to insert its row (the loser retries and finds the row), or a
                // lock wait timed out under a burst.
                if (tries == RESERVE_TRIES) {
                    throw new ServerBusy();
                }
            }
        }
    }

    /** After a success: clears the count, unless another attempt locked the name in between. */
    @Transactional
    public void succeeded(Attempt attempt) {
        writes.clear(attempt);
    }

    /** Clears the lock and the count of a name (admin unlock). */
    @Transactional
    public void reset(String username) {
        em.createQuery("DELETE FROM LoginAttempt a WHERE a.usernameKey = :key")
                .setParameter("key", dev.sigil.user.Usernames.key(username)).executeUpdate();
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
        public Attempt reserve(String key) {
            Instant now = clock.instant();
            LoginAttempt row = em.find(LoginAttempt.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                row = new LoginAttempt(key, now);
                em.persist(row);
            }
            Attempt attempt = row.reserve(now, config.lockoutThreshold(), config.lockoutDuration());
            em.flush();
            return attempt;
        }

        @Transactional
        public void clear(Attempt attempt) {
            LoginAttempt row = em.find(LoginAttempt.class, attempt.key(), LockModeType.PESSIMISTIC_WRITE);
            if (row != null && row.clearableBy(attempt, clock.instant())) {
                em.remove(row);
            }
        }
    }
}
