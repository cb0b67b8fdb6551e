package dev.sigil.metrics;

import dev.sigil.audit.AuditRecorded;
import dev.sigil.audit.AuditType;
import dev.sigil.login.Lockout;
import dev.sigil.password.HashWaits;
import dev.sigil.revocation.SessionEnded;
import dev.sigil.revocation.UserTokensRevoked;
import dev.sigil.token.VerificationTimes;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * Sigil's own metrics, in a registry of this deployment (not the client's static default one), written in the
 * Prometheus text format 0.0.4. What the database records is counted from the events fired inside its transaction,
 * observed after it committed; what only the answer knows (a login's outcome, a 503) is counted by
 * {@link OutcomeCounting}. No label holds a username, an IP, a session id or anything secret: every label value is
 * one of a few fixed words.
 */
@ApplicationScoped
public class SigilMetrics implements VerificationTimes, HashWaits {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** From 1 µs (a cached verification) to 10 ms (an RS256 check on a loaded core, and then some). */
    private static final double[] VERIFICATION_BOUNDS = {
        0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001,
        0.002_5, 0.01};
    /** Up to SIGIL_HASH_QUEUE_WAIT's usual range: a hash takes some 50 ms here, the default wait is 2 s. */
    private static final double[] HASH_WAIT_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter logins = Counter.builder().name("sigil_logins")
            .help("Password logins (POST /api/auth/login, grant_type=password of POST /oauth2/token) by outcome").labelNames("outcome").register(registry);
    private final Counter refreshes = Counter.builder().name("sigil_refreshes")
            .help("Refreshes (POST /api/auth/refresh, grant_type=refresh_token of POST /oauth2/token) by outcome").labelNames("outcome").register(registry);
    private final CounterDataPoint reuses = Counter.builder().name("sigil_refresh_reuse_detected")
            .help("Spent refresh tokens presented again: each revoked its whole session").register(registry);
    private final CounterDataPoint lockouts = Counter.builder().name("sigil_lockouts")
            .help("Login names locked because they reached SIGIL_LOCKOUT_THRESHOLD failures").register(registry);
    private final Counter revocationsApplied = Counter.builder().name("sigil_revocations_applied")
            .help("Revocations applied to this node's in-memory view: made here (local), pushed by another node"
                    + " (notice), read back from the database (catch_up)")
            .labelNames("source").register(registry);
    private final Histogram verification = Histogram.builder().name("sigil_access_token_verification_seconds")
            .help("Time the bearer filter spent verifying an access token").unit(Unit.SECONDS)
            .labelNames("result").classicOnly().classicUpperBounds(VERIFICATION_BOUNDS).withoutExemplars()
            .register(registry);
    private final Histogram hashWaits = Histogram.builder().name("sigil_hash_slot_wait_seconds")
            .help("Password hashes that found every slot busy: time waited, by outcome (acquired, or rejected"
                    + " with 503 after SIGIL_HASH_QUEUE_WAIT)").unit(Unit.SECONDS)
            .labelNames("outcome").classicOnly().classicUpperBounds(HASH_WAIT_BOUNDS).withoutExemplars()
            .register(registry);
    private final Gauge activeSessions = Gauge.builder().name("sigil_sessions_active")
            .help("Sessions neither revoked nor expired, in the database (read at each scrape)").register(registry);

    // Bound once: the bearer filter's call then only adds to existing cells.
    private final DistributionDataPoint verificationAccepted = verification.labelValues("accepted");
    private final DistributionDataPoint verificationRefused = verification.labelValues("refused");
    private final DistributionDataPoint hashAcquired = hashWaits.labelValues("acquired");
    private final DistributionDataPoint hashRejected = hashWaits.labelValues("rejected");

    /** The outcomes of a login or a refresh, one label value each. */
    public enum Outcome {
        SUCCESS, FAILURE, LOCKED, BUSY, INVALID, ERROR;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SigilMetrics() {
        for (Outcome outcome : Outcome.values()) {
            logins.labelValues(outcome.label());
            if (outcome != Outcome.LOCKED) {
                refreshes.labelValues(outcome.label());
            }
        }
        for (String source : new String[] {"local", "notice", "catch_up"}) {
            revocationsApplied.labelValues(source);
        }
    }

    public void login(Outcome outcome) {
        logins.labelValues(outcome.label()).inc();
    }

    public void refresh(Outcome outcome) {
        refreshes.labelValues(outcome.label()).inc();
    }

    /** Revocations another node pushed, or a catch-up read, that changed this node's view. */
    public void revocationsApplied(String source, int count) {
        if (count > 0) {
            revocationsApplied.labelValues(source).inc(count);
        }
    }

    void audited(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded event) {
        if (event.type() == AuditType.REFRESH_REUSE_DETECTED) {
            reuses.inc();
        } else if (event.type() == AuditType.LOCKED_OUT && Lockout.THRESHOLD_REACHED.equals(event.detail())) {
            lockouts.inc();
        }
    }

    void sessionEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded event) {
        revocationsApplied.labelValues("local").inc();
    }

    void userTokensRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserTokensRevoked event) {
        revocationsApplied.labelValues("local").inc();
    }

    @Override
    public void verified(long nanos, boolean accepted) {
        (accepted ? verificationAccepted : verificationRefused).observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void waited(long nanos, boolean acquired) {
        (acquired ? hashAcquired : hashRejected).observe(Unit.nanosToSeconds(nanos));
    }

    /** Every metric in the Prometheus text format, with the gauge of active sessions read from {@code sessions}. */
    public byte[] scrape(DoubleSupplier sessions) {
        activeSessions.set(sessions.getAsDouble());
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
