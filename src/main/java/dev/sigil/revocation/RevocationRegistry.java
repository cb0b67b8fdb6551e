package dev.sigil.revocation;

import dev.sigil.config.SigilConfig;
import dev.sigil.token.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory view of what makes an otherwise valid access token unacceptable: a revoked session, or a per-user
 * revocation point (tokens issued at or before it are dead). The bearer filter consults only this: two map lookups,
 * no SQL. Bounded: an entry is dropped once every access token it could affect has expired (access-token TTL plus
 * the verifier's leeway after the revocation). Changes arrive as events of {@link Revocations}, applied only after
 * their transaction commits.
 */
@ApplicationScoped
public class RevocationRegistry {

    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);

    private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final Map<String, Entry> userPoints = new ConcurrentHashMap<>();
    private Clock clock;
    private Duration window;
    private volatile Instant nextPrune = Instant.MIN;

    private record Entry(Instant point, Instant forgetAfter) {
    }

    /** For CDI proxies only. */
    protected RevocationRegistry() {
    }

    @Inject
    public RevocationRegistry(SigilConfig config, Clock clock) {
        this.clock = clock;
        this.window = Claims.acceptanceWindow(config.accessTokenTtl());
    }

    /** True when a token of {@code sessionId} for {@code userId}, issued at {@code issuedAt}, must be refused. */
    public boolean isRevoked(String sessionId, String userId, Instant issuedAt) {
        if (revokedSessions.containsKey(sessionId)) {
            return true;
        }
        Entry entry = userPoints.get(userId);
        return entry != null && !issuedAt.isAfter(entry.point());
    }

    /** Applies a committed session revocation; nothing when the transaction rolled back. */
    public void sessionEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded event) {
        sessionRevokedAt(event.sessionId(), event.at());
    }

    /** Applies a committed move of a user's revocation point; nothing when the transaction rolled back. */
    public void userTokensRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserTokensRevoked event) {
        revokeUserTokens(event.userId(), event.point());
    }

    public void revokeSession(String sessionId) {
        sessionRevokedAt(sessionId, clock.instant());
    }

    /** Moves the user's revocation point to {@code point} unless it is already later; true when it moved. */
    public boolean revokeUserTokens(String userId, Instant point) {
        Entry before = userPoints.get(userId);
        userPoints.merge(userId, new Entry(point, point.plus(window)),
                (a, b) -> a.point().isAfter(b.point()) ? a : b);
        pruneNowAndThen();
        return before == null || point.isAfter(before.point());
    }

    public Optional<Instant> userRevocationPoint(String userId) {
        return Optional.ofNullable(userPoints.get(userId)).map(Entry::point);
    }

    /** Records a session revoked at {@code revokedAt} (also used when loading from the database);
     * true when it was not known yet. */
    public boolean sessionRevokedAt(String sessionId, Instant revokedAt) {
        boolean known = revokedSessions.containsKey(sessionId);
        revokedSessions.merge(sessionId, revokedAt.plus(window), (a, b) -> a.isAfter(b) ? a : b);
        pruneNowAndThen();
        return !known;
    }

    /** How far back a revocation can still matter: older ones need not be loaded. */
    public Instant horizon() {
        return clock.instant().minus(window);
    }

    /** Drops every entry whose tokens have all expired. */
    public void prune() {
        Instant now = clock.instant();
        revokedSessions.values().removeIf(forgetAfter -> forgetAfter.isBefore(now));
        userPoints.values().removeIf(entry -> entry.forgetAfter().isBefore(now));
        nextPrune = now.plus(PRUNE_EVERY);
    }

    public int size() {
        return revokedSessions.size() + userPoints.size();
    }

    private void pruneNowAndThen() {
        if (clock.instant().isAfter(nextPrune)) {
            prune();
        }
    }
}
