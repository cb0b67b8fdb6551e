package dev.sigil.session;

import dev.sigil.config.SigilConfig;
import dev.sigil.config.StartProblems;
import dev.sigil.revocation.RevocationRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Deletes, every SIGIL_PURGE_INTERVAL, what can no longer matter: sessions past their idle expiry or revoked longer
 * ago than an access token lives (their refresh tokens go with them, by the foreign key's cascade), and failed-login
 * counts whose lock is over, and audit events older than SIGIL_AUDIT_RETENTION. No table grows without bound.
 *
 * <p>Scheduled on the managed scheduled executor, not with an EJB timer: Payara Micro's {@code --nohazelcast} (some
 * 50-110 MiB less memory) replaces the EJB timer service by a dummy that never fires. Each run goes through this
 * bean's business interface, so it runs in its own container transaction.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class SessionPurge {

    private static final Logger LOG = Logger.getLogger(SessionPurge.class.getName());

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    SessionContext context;

    @Inject
    SigilConfig config;

    @Inject
    Clock clock;

    @Inject
    RevocationRegistry registry;

    private ScheduledFuture<?> schedule;

    @PostConstruct
    void schedule() {
        if (StartProblems.any()) {
            return;
        }
        long every = config.purgeInterval().toMillis();
        SessionPurge self = context.getBusinessObject(SessionPurge.class);
        schedule = executor.scheduleAtFixedRate(() -> {
            try {
                self.purge();
            } catch (RuntimeException e) {
                // A failed run (the database away) must not cancel the next ones, as a thrown exception would.
                LOG.warning("Purge failed, next run in " + config.purgeInterval() + ": " + e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void cancel() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    public void purge() {
        Instant now = clock.instant();
        // Keep revoked sessions while their access tokens may live: a restarting node reloads them (RevocationStartup).
        Instant horizon = registry.horizon();
        int sessions = em.createQuery("DELETE FROM Session s WHERE s.idleExpiresAt < :horizon OR s.revokedAt < :horizon")
                .setParameter("horizon", horizon).executeUpdate();
        int attempts = em.createQuery("DELETE FROM LoginAttempt a WHERE (a.lockedUntil IS NULL OR a.lockedUntil < :now)"
                        + " AND a.lastFailureAt < :stale")
                .setParameter("now", now)
                .setParameter("stale", now.minus(config.lockoutDuration()))
                .executeUpdate();
        int events = em.createQuery("DELETE FROM AuditEvent e WHERE e.occurredAt < :cutoff")
                .setParameter("cutoff", now.minus(config.auditRetention()))
                .executeUpdate();
        registry.prune();
        if (sessions + attempts + events > 0) {
            LOG.fine(() -> "Purged " + sessions + " sessions, " + attempts + " login attempt counters and " + events
                    + " audit events");
        }
    }
}
