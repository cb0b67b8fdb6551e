package dev.sigil.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigil.session.RefreshRotation.Outcome;
import dev.sigil.testsupport.MutableClock;
import dev.sigil.web.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rotation rule at the edges of the reuse grace (30 s here), on a clock the test moves. */
class RefreshRotationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(T0);
    private Session session;
    private RefreshToken first;
    private RefreshToken second;

    @BeforeEach
    void rotateOnce() {
        session = new Session("user-1", new ClientInfo("127.0.0.1", "test"), T0, Duration.ofDays(14),
                Duration.ofDays(30));
        first = new RefreshToken(session, null, "hash-1", T0, session.expiresAt());
        first.spend(T0);
        second = new RefreshToken(session, first, "hash-2", T0, session.expiresAt());
    }

    private Outcome judge(RefreshToken presented, RefreshToken live) {
        return RefreshRotation.judge(presented, live, clock.instant(), GRACE);
    }

    @Test
    void predecessorOneSecondAfterTheGraceIsReuse() {
        clock.set(T0.plus(GRACE).plusSeconds(1));

        assertEquals(Outcome.REUSE, judge(first, second));
    }

    @Test
    void predecessorAtTheExactEndOfTheGraceIsReuse() {
        clock.set(T0.plus(GRACE));

        assertEquals(Outcome.REUSE, judge(first, second));
    }

    @Test
    void predecessorIsReuseOnceTheLiveTokenWasUsed() {
        clock.set(T0.plusSeconds(1));
        second.spend(clock.instant());
        RefreshToken third = new RefreshToken(session, second, "hash-3", clock.instant(), session.expiresAt());

        assertEquals(Outcome.REUSE, judge(first, third));
    }

    @Test
    void predecessorOfNoLiveTokenIsReuse() {
        assertEquals(Outcome.REUSE, judge(first, null));
    }

    @Test
    void liveTokenPastItsExpiryIsExpired() {
        clock.set(session.expiresAt());

        assertEquals(Outcome.EXPIRED, judge(second, second));
    }

    @Test
    void predecessorOneSecondBeforeTheEndOfTheGraceIsAnsweredWithTheLiveToken() {
        clock.set(T0.plus(GRACE).minusSeconds(1));

        assertEquals(Outcome.REPLAY, judge(first, second));
    }

    @Test
    void liveTokenIsRotated() {
        clock.set(T0.plusSeconds(1));

        assertEquals(Outcome.ROTATE, judge(second, second));
    }
}
