package dev.sigil.cluster;

import dev.sigil.keys.KeyRing;
import dev.sigil.metrics.SigilMetrics;
import dev.sigil.revocation.RevocationCatchUp;
import dev.sigil.revocation.RevocationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Applies what other nodes changed: one notice at a time, or everything since the last catch-up. */
@ApplicationScoped
public class ChangeApplier {

    /**
     * A catch-up re-reads this far before the previous one started: a change is stamped with the clock of the node
     * that made it when its transaction began, so it may commit (and become visible) a little later, or come from a
     * node whose clock is a little behind. Re-reading is harmless; missing one is not.
     */
    static final Duration OVERLAP = Duration.ofSeconds(60);

    @Inject
    RevocationRegistry registry;

    @Inject
    RevocationCatchUp revocations;

    @Inject
    KeyRing keyRing;

    @Inject
    Clock clock;

    @Inject
    SigilMetrics metrics;

    private Instant cursor;

    /** Applies one notice; true when it changed this node's view. */
    public boolean apply(ChangeNotice notice) {
        return switch (notice.kind()) {
            case SESSION -> counted(registry.sessionRevokedAt(notice.id(), notice.at()));
            case USER -> counted(registry.revokeUserTokens(notice.id(), notice.at()));
            case KEYS -> {
                reloadKeys();
                yield true;
            }
        };
    }

    /** A notice of this node's own change finds it applied already (by the after-commit observer): not counted. */
    private boolean counted(boolean applied) {
        metrics.revocationsApplied("notice", applied ? 1 : 0);
        return applied;
    }

    /** Reads what changed since the previous catch-up (the first one reads everything that can still matter). */
    public synchronized RevocationCatchUp.Result catchUp() {
        Instant started = clock.instant();
        Instant since = cursor == null ? Instant.EPOCH : cursor.minus(OVERLAP);
        RevocationCatchUp.Result result = revocations.since(since);
        metrics.revocationsApplied("catch_up", result.applied());
        reloadKeys();
        cursor = started;
        return result;
    }

    private void reloadKeys() {
        if (keyRing.rotatable()) {
            keyRing.reload();
        }
    }
}
