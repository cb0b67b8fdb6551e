package dev.sigil.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reservation rules of one login name: failures plus attempts in flight never exceed the threshold. */
class LoginAttemptTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00.123456789Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    void atMostThresholdAttemptsAreAdmittedUntilTheyAreSettled() {
        LoginAttempt row = new LoginAttempt("alice", NOW);
        for (int i = 0; i < 3; i++) {
            assertFalse(row.reserve(NOW, 3).refused(), "attempt " + i);
        }
        Lockout.Attempt fourth = row.reserve(NOW, 3);
        assertTrue(fourth.refused(), "the whole budget is in flight");
        assertEquals(Duration.ofSeconds(1), fourth.retryAfter());
        assertFalse(row.failed(NOW, 3, LOCK));
        assertTrue(row.reserve(NOW, 3).refused(), "one failure and two in flight still fill the budget");
        assertFalse(row.failed(NOW, 3, LOCK));
        assertTrue(row.failed(NOW, 3, LOCK), "the third failure locks");
        Lockout.Attempt locked = row.reserve(NOW.plusSeconds(1), 3);
        assertEquals(LOCK.minusSeconds(1).minusNanos(456789), locked.retryAfter());
        assertFalse(row.reserve(NOW.plus(LOCK), 3).refused(), "a new lock period counts afresh");
    }

    @Test
    void aSuccessResetsTheFailuresButNotTheAttemptsStillInFlight() {
        LoginAttempt row = new LoginAttempt("bob", NOW);
        row.reserve(NOW, 3);
        row.failed(NOW, 3, LOCK);
        row.reserve(NOW, 3);
        row.reserve(NOW, 3);
        row.succeeded(NOW);
        assertFalse(row.reserve(NOW, 3).refused(), "failures 0, one in flight");
        assertFalse(row.reserve(NOW, 3).refused(), "failures 0, two in flight");
        assertTrue(row.reserve(NOW, 3).refused(), "failures 0, three in flight");
        row.release();
        row.release();
        row.release();
        assertFalse(row.reserve(NOW, 3).refused(), "released attempts stop counting");
    }

    @Test
    void attemptsLeftInFlightByACrashedNodeExpire() {
        LoginAttempt row = new LoginAttempt("carol", NOW);
        for (int i = 0; i < 3; i++) {
            row.reserve(NOW, 3);
        }
        assertTrue(row.reserve(NOW.plusSeconds(59), 3).refused());
        assertFalse(row.reserve(NOW.plus(LoginAttempt.IN_FLIGHT_TIMEOUT), 3).refused());
    }
}
