package dev.sigil.login;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Attempts of one login name (existing or not, as its key) since the last success, and its lock. An attempt is counted
 * when it is reserved, before its password is judged, so {@code failures} also counts attempts still in flight.
 */
@Entity
@Table(name = "login_attempts")
public class LoginAttempt {

    @Id
    @Column(name = "username_key")
    private String usernameKey;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected LoginAttempt() {
    }

    LoginAttempt(String usernameKey, Instant now) {
        this.usernameKey = usernameKey;
        this.lastFailureAt = now;
    }

    /**
     * Counts an attempt about to be judged, unless the name is locked (then nothing changes). Locks the name once
     * {@code threshold} attempts are counted: the attempt that reaches it is the last one judged in the lock period.
     */
    Lockout.Attempt reserve(Instant now, int threshold, Duration lockFor) {
        Duration locked = lockedFor(now);
        if (!locked.isZero()) {
            return new Lockout.Attempt(usernameKey, locked, null);
        }
        if (lockedUntil != null) {
            failures = 0;
            lockedUntil = null;
        }
        failures++;
        lastFailureAt = now;
        if (failures >= threshold) {
            // Whole milliseconds survive every database's timestamp precision, so the lock reads back equal.
            lockedUntil = now.plus(lockFor).truncatedTo(ChronoUnit.MILLIS);
        }
        return new Lockout.Attempt(usernameKey, Duration.ZERO, lockedUntil);
    }

    /**
     * True when a success of {@code attempt} may clear the count: the name is not locked, or the lock is the one this
     * very attempt set (every attempt after it was refused unjudged). A lock set by another attempt in between stays.
     */
    boolean clearableBy(Lockout.Attempt attempt, Instant now) {
        return lockedFor(now).isZero() || lockedUntil.equals(attempt.lockedUntil());
    }

    Duration lockedFor(Instant now) {
        return lockedUntil == null || !now.isBefore(lockedUntil) ? Duration.ZERO : Duration.between(now, lockedUntil);
    }
}
