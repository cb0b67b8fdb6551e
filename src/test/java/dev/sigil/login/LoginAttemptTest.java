package dev.sigil.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reservation rules of one login name: counted before judging, locked at the threshold, cleared by a success. */
class LoginAttemptTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00.123456789Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    void theThresholdthReservationLocksAndLaterOnesAreNotCounted() {
        LoginAttempt row = new LoginAttempt("alice", NOW);
        assertFalse(row.reserve(NOW, 3, LOCK).reachedThreshold());
        assertFalse(row.reserve(NOW, 3, LOCK).reachedThreshold());
        Lockout.Attempt third = row.reserve(NOW, 3, LOCK);
        assertTrue(third.reachedThreshold());
        assertFalse(third.locked(), "the third is still judged");
        Lockout.Attempt fourth = row.reserve(NOW.plusSeconds(1), 3, LOCK);
        assertTrue(fourth.locked());
        assertEquals(LOCK.minusSeconds(1).minusNanos(456789), fourth.lockedFor());
        Lockout.Attempt afterTheLock = row.reserve(NOW.plus(LOCK), 3, LOCK);
        assertFalse(afterTheLock.locked(), "a new lock period counts afresh");
        assertFalse(afterTheLock.reachedThreshold());
    }

    @Test
    void aSuccessClearsUnlessAnotherAttemptLockedTheNameInBetween() {
        LoginAttempt row = new LoginAttempt("bob", NOW);
        Lockout.Attempt first = row.reserve(NOW, 3, LOCK);
        assertTrue(row.clearableBy(first, NOW), "not locked");
        row.reserve(NOW, 3, LOCK);
        Lockout.Attempt third = row.reserve(NOW, 3, LOCK);
        assertFalse(row.clearableBy(first, NOW), "the third locked it while the first was being judged");
        assertTrue(row.clearableBy(third, NOW), "the lock the successful attempt set itself");
    }
}
