package dev.sigil.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.web.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Successors are derived from their predecessor with the session's secret seed, and look like any other token. */
class RefreshTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private static Session session() {
        return new Session("user-1", new ClientInfo("127.0.0.1", "test"), T0, Duration.ofDays(14), Duration.ofDays(30));
    }

    @Test
    void withoutTheSeedThePredecessorDoesNotGiveTheSuccessor() {
        String predecessor = RefreshTokens.generate();

        assertNotEquals(RefreshTokens.successor(session().rotationSeed(), predecessor),
                RefreshTokens.successor(session().rotationSeed(), predecessor), "each session has its own seed");
        assertNotEquals(predecessor, RefreshTokens.successor(session().rotationSeed(), predecessor));
    }

    @Test
    void theSameSeedAndPredecessorAlwaysGiveTheSameSuccessor() {
        Session session = session();
        String predecessor = RefreshTokens.generate();
        String successor = RefreshTokens.successor(session.rotationSeed(), predecessor);

        assertEquals(successor, RefreshTokens.successor(session.rotationSeed(), predecessor));
        RefreshToken stored = new RefreshToken(session, null, RefreshTokens.hash(successor), T0, session.expiresAt());
        assertTrue(stored.hasValue(successor));
    }

    @Test
    void successorHasTheShapeOfARandomToken() {
        String successor = RefreshTokens.successor(session().rotationSeed(), RefreshTokens.generate());

        assertEquals(RefreshTokens.generate().length(), successor.length());
        assertTrue(successor.matches("[A-Za-z0-9_-]{43}"), successor);
    }

    @Test
    void csrfTokenIsFixedForTheSessionAndDiffersBetweenSessions() {
        Session session = session();
        Session other = session();

        assertEquals(session.csrfToken(), session.csrfToken(), "every tab of the session holds the same one");
        assertNotEquals(session.csrfToken(), other.csrfToken());
        assertTrue(session.csrfToken().matches("[A-Za-z0-9_-]{43}"), "cookie-safe: " + session.csrfToken());
        // The token derivation never takes an input containing '|', so no token is the CSRF token.
        assertNotEquals(session.csrfToken(), RefreshTokens.successor(session.rotationSeed(), session.id()));
    }
}
