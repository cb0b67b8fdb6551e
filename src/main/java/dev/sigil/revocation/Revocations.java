package dev.sigil.revocation;

import java.time.Instant;

/**
 * The one way to end access tokens before they expire. Every change goes through here, so that an implementation can
 * also push it to other nodes.
 */
public interface Revocations {

    /** Every access token of {@code sessionId} stops working. */
    void revokeSession(String sessionId);

    /** Every access token of {@code userId} issued at or before {@code point} stops working. */
    void revokeUserTokens(String userId, Instant point);

    /** The point before which the user's tokens are dead, if any: new tokens must be issued after it. */
    java.util.Optional<Instant> userRevocationPoint(String userId);
}
