package dev.sigil.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The one way to end access tokens before they expire. Called inside the transaction that records the change in the
 * database; it fires an event that the in-memory view ({@link RevocationRegistry}) applies only once that transaction
 * has committed, so a rolled-back change never leaves memory ahead of the database. A notifier that pushes changes
 * to other nodes observes the same events.
 */
@ApplicationScoped
public class Revocations {

    @Inject
    Event<SessionEnded> sessionEnded;

    @Inject
    Event<UserTokensRevoked> userTokensRevoked;

    /** Every access token of {@code sessionId} stops working, once the current transaction commits. */
    public void revokeSession(String sessionId, Instant at) {
        sessionEnded.fire(new SessionEnded(sessionId, at));
    }

    /** Every access token of {@code userId} issued at or before {@code point} stops working, once it commits. */
    public void revokeUserTokens(String userId, Instant point) {
        userTokensRevoked.fire(new UserTokensRevoked(userId, point));
    }
}
