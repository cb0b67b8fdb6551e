package dev.sigil.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory view of what makes an otherwise valid access token unacceptable: a revoked session, or a per-user
 * revocation point (tokens issued before it are dead). The bearer filter consults only this: two map lookups, no SQL.
 */
@ApplicationScoped
public class RevocationRegistry {

    private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> userRevocationPoints = new ConcurrentHashMap<>();

    /** True when a token of {@code sessionId} for {@code userId}, issued at {@code issuedAt}, must be refused. */
    public boolean isRevoked(String sessionId, String userId, Instant issuedAt) {
        if (revokedSessions.containsKey(sessionId)) {
            return true;
        }
        Instant point = userRevocationPoints.get(userId);
        return point != null && !issuedAt.isAfter(point);
    }

    /** Records that {@code sessionId} ended; the entry may be forgotten after {@code forgetAfter}. */
    public void sessionRevoked(String sessionId, Instant forgetAfter) {
        revokedSessions.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Records that every token of {@code userId} issued at or before {@code point} is dead. */
    public void userRevokedBefore(String userId, Instant point) {
        userRevocationPoints.merge(userId, point, (a, b) -> a.isAfter(b) ? a : b);
    }
}
