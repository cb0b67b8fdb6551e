package dev.sigil.login;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Consecutive failed logins of one login name (existing or not, lower-cased), and its lock. */
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

    /** Counts a failure; locks the name once {@code threshold} consecutive failures are reached. */
    boolean recordFailure(Instant now, int threshold, Duration lockFor) {
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            failures = 0;
            lockedUntil = null;
        }
        failures++;
        lastFailureAt = now;
        if (failures >= threshold) {
            lockedUntil = now.plus(lockFor);
            return true;
        }
        return false;
    }

    Duration lockedFor(Instant now) {
        return lockedUntil == null || !now.isBefore(lockedUntil) ? Duration.ZERO : Duration.between(now, lockedUntil);
    }
}
