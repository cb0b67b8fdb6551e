package dev.sigil.login;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The attempts of one login name (existing or not, as its key): consecutive failures since the last success, attempts
 * in flight (admitted, password being checked), and the lock. An attempt is admitted only while failures plus attempts
 * in flight stay under the threshold, so at most THRESHOLD attempts are judged per lock period, however many arrive.
 */
@Entity
@Table(name = "login_attempts")
public class LoginAttempt {

    /** A hash waits at most a few seconds for its slot and takes well under one: older reservations were lost. */
    static final Duration IN_FLIGHT_TIMEOUT = Duration.ofMinutes(1);

    /** Retry-After of an attempt refused because the name's budget is in flight: the answers come within a second. */
    static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

    @Id
    @Column(name = "username_key")
    private String usernameKey;

    @Column(nullable = false)
    private int failures;

    /** The latest attempt, judged or not (the purge keys on it). */
    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "in_flight", nullable = false)
    private int inFlight;

    @Column(name = "in_flight_since")
    private Instant inFlightSince;

    protected LoginAttempt() {
    }

    LoginAttempt(String usernameKey, Instant now) {
        this.usernameKey = usernameKey;
        this.lastFailureAt = now;
    }

    /** Admits an attempt (counted in flight) or refuses it: the name is locked, or its whole budget is in flight. */
    Lockout.Attempt reserve(Instant now, int threshold) {
        Duration locked = lockedFor(now);
        if (!locked.isZero()) {
            return Lockout.Attempt.refused(usernameKey, locked);
        }
        if (lockedUntil != null) {
            failures = 0;
            lockedUntil = null;
        }
        if (inFlight > 0 && !now.isBefore(inFlightSince.plus(IN_FLIGHT_TIMEOUT))) {
            inFlight = 0;
        }
        lastFailureAt = now;
        if (failures + inFlight >= threshold) {
            return Lockout.Attempt.refused(usernameKey, IN_FLIGHT_RETRY);
        }
        inFlight++;
        inFlightSince = now;
        return Lockout.Attempt.admitted(usernameKey);
    }

    /** An admitted attempt failed; true when this failure locked the name. */
    boolean failed(Instant now, int threshold, Duration lockFor) {
        release();
        failures++;
        lastFailureAt = now;
        if (failures >= threshold && lockedFor(now).isZero()) {
            // Whole milliseconds survive every database's timestamp precision.
            lockedUntil = now.plus(lockFor).truncatedTo(ChronoUnit.MILLIS);
            return true;
        }
        return false;
    }

    /** An admitted attempt succeeded: the consecutive failures start again from zero, unless the name got locked. */
    void succeeded(Instant now) {
        release();
        if (lockedFor(now).isZero()) {
            failures = 0;
        }
    }

    /** An admitted attempt ended unjudged (no hash slot, an error): it no longer counts. */
    void release() {
        inFlight = Math.max(0, inFlight - 1);
    }

    Duration lockedFor(Instant now) {
        return lockedUntil == null || !now.isBefore(lockedUntil) ? Duration.ZERO : Duration.between(now, lockedUntil);
    }
}
