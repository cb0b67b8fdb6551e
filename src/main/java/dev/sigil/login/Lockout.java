package dev.sigil.login;

import dev.sigil.config.SigilConfig;
import dev.sigil.user.Usernames;
import dev.sigil.web.DatabaseUnavailable;
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
 * <p>Every attempt is reserved under the row lock of its name, in a short transaction of its own, before its password
 * is hashed, and settled (failed, succeeded, released) in another one after it; the hash runs with no transaction
 * open. An attempt is admitted only while the failures plus the attempts in flight stay under the threshold, so
 * however many arrive at once at most THRESHOLD are judged per lock period; the others get 429.
 */
@ApplicationScoped
public class Lockout {

    /** The detail of the {@code LOCKED_OUT} audit event of the failure that locked the name (not of a refused attempt). */
    public static final String THRESHOLD_REACHED = "threshold reached";

    /** Tries of a reservation that lost a race (a first insert of the name, a lock wait that timed out). */
    private static final int RESERVE_TRIES = 3;

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    LockoutWrites writes;

    /** A reservation for the name {@code key}: admitted (to be judged, then settled), or refused for {@code retryAfter}. */
    public record Attempt(String key, Duration retryAfter) {

        static Attempt admitted(String key) {
            return new Attempt(key, Duration.ZERO);
        }

        static Attempt refused(String key, Duration retryAfter) {
            return new Attempt(key, retryAfter);
        }

        public boolean refused() {
            return !retryAfter.isZero();
        }
    }

    /** Reserves an attempt for the key of a login name ({@link Usernames#lookupKey}). */
    public Attempt reserve(String key) {
        for (int tries = 1; ; tries++) {
            try {
                return writes.reserve(key);
            } catch (PersistenceException | TransactionalException raced) {
                // Two first attempts of a name raced to insert its row (the loser retries and finds the row), or a
                // lock wait timed out under a burst. A database that does not answer is no race: say so at once.
                if (DatabaseUnavailable.isCause(raced)) {
                    throw new DatabaseUnavailable();
                }
                if (tries == RESERVE_TRIES) {
                    throw new ServerBusy();
                }
            }
        }
    }

    /** The admitted attempt's password was wrong; true when this failure locked the name. */
    public boolean failed(Attempt attempt) {
        return writes.settle(attempt, (row, config, now) ->
                row.failed(now, config.lockoutThreshold(), config.lockoutDuration()));
    }

    /** The admitted attempt succeeded: the failures start again from zero. */
    public void succeeded(Attempt attempt) {
        writes.settle(attempt, (row, config, now) -> {
            row.succeeded(now);
            return false;
        });
    }

    /** The admitted attempt ended without a verdict (an error, no hash slot): it stops counting. */
    public void released(Attempt attempt) {
        writes.settle(attempt, (row, config, now) -> {
            row.release();
            return false;
        });
    }

    /** Clears the lock and the count of a name (admin unlock). */
    @Transactional
    public void reset(String username) {
        em.createQuery("DELETE FROM LoginAttempt a WHERE a.usernameKey = :key")
                .setParameter("key", Usernames.key(username)).executeUpdate();
    }

    /** The write side, a separate bean so that its REQUIRES_NEW transactions are applied by the interceptor. */
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
            LoginAttempt row = em.find(LoginAttempt.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                row = new LoginAttempt(key, clock.instant());
                em.persist(row);
            }
            Attempt attempt = row.reserve(clock.instant(), config.lockoutThreshold());
            em.flush();
            return attempt;
        }

        /** Applies {@code change} to the name's row under its lock; false when the row is gone (an admin unlock). */
        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public boolean settle(Attempt attempt, Settlement change) {
            LoginAttempt row = em.find(LoginAttempt.class, attempt.key(), LockModeType.PESSIMISTIC_WRITE);
            return row != null && change.apply(row, config, clock.instant());
        }
    }

    /** What settling an attempt does to its row; true when it locked the name. */
    @FunctionalInterface
    public interface Settlement {
        boolean apply(LoginAttempt row, SigilConfig config, Instant now);
    }
}
