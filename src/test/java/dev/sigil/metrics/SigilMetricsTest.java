package dev.sigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.audit.AuditRecorded;
import dev.sigil.audit.AuditType;
import dev.sigil.login.Lockout;
import dev.sigil.metrics.SigilMetrics.Outcome;
import dev.sigil.revocation.SessionEnded;
import dev.sigil.revocation.UserTokensRevoked;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigilMetricsTest {

    private final SigilMetrics metrics = new SigilMetrics();

    private String scrape() {
        return new String(metrics.scrape(() -> 7), StandardCharsets.UTF_8);
    }

    @Test
    void answersMapToOneOutcomeEach() {
        assertEquals(Outcome.SUCCESS, OutcomeCounting.of(200));
        assertEquals(Outcome.FAILURE, OutcomeCounting.of(401));
        assertEquals(Outcome.LOCKED, OutcomeCounting.of(429));
        assertEquals(Outcome.BUSY, OutcomeCounting.of(503));
        assertEquals(Outcome.INVALID, OutcomeCounting.of(400));
        assertEquals(Outcome.INVALID, OutcomeCounting.of(415));
        assertEquals(Outcome.ERROR, OutcomeCounting.of(500));
    }

    @Test
    void aLockedOutEventOfARefusedAttemptIsNoLockout() {
        metrics.audited(new AuditRecorded(AuditType.LOCKED_OUT, null));
        metrics.audited(new AuditRecorded(AuditType.LOCKED_OUT, "password change"));
        assertTrue(scrape().contains("\nsigil_lockouts_total 0.0\n"), this::scrape);
        metrics.audited(new AuditRecorded(AuditType.LOCKED_OUT, Lockout.THRESHOLD_REACHED));
        assertTrue(scrape().contains("\nsigil_lockouts_total 1.0\n"), this::scrape);
    }

    @Test
    void countsEveryKindOnItsOwnSeries() {
        metrics.login(Outcome.SUCCESS);
        metrics.login(Outcome.BUSY);
        metrics.login(Outcome.BUSY);
        metrics.refresh(Outcome.FAILURE);
        metrics.audited(new AuditRecorded(AuditType.REFRESH_REUSE_DETECTED, "session s"));
        metrics.audited(new AuditRecorded(AuditType.LOGIN_SUCCESS, "session s"));
        metrics.sessionEnded(new SessionEnded("s", Instant.EPOCH));
        metrics.userTokensRevoked(new UserTokensRevoked("u", Instant.EPOCH));
        metrics.revocationsApplied("notice", 1);
        metrics.revocationsApplied("catch_up", 0);
        metrics.verified(40_000, true);
        metrics.waited(30_000_000, false);
        String text = scrape();
        for (String line : new String[] {
            "sigil_logins_total{outcome=\"success\"} 1.0",
            "sigil_logins_total{outcome=\"busy\"} 2.0",
            "sigil_logins_total{outcome=\"failure\"} 0.0",
            "sigil_refreshes_total{outcome=\"failure\"} 1.0",
            "sigil_refresh_reuse_detected_total 1.0",
            "sigil_revocations_applied_total{source=\"local\"} 2.0",
            "sigil_revocations_applied_total{source=\"notice\"} 1.0",
            "sigil_revocations_applied_total{source=\"catch_up\"} 0.0",
            "sigil_access_token_verification_seconds_count{result=\"accepted\"} 1",
            "sigil_access_token_verification_seconds_bucket{result=\"accepted\",le=\"5.0E-5\"} 1",
            "sigil_access_token_verification_seconds_bucket{result=\"accepted\",le=\"2.5E-5\"} 0",
            "sigil_hash_slot_wait_seconds_count{outcome=\"rejected\"} 1",
            "sigil_hash_slot_wait_seconds_count{outcome=\"acquired\"} 0",
            "sigil_sessions_active 7.0"}) {
            assertTrue(text.contains("\n" + line + "\n"), () -> line + " in\n" + text);
        }
        assertTrue(SigilMetrics.CONTENT_TYPE.startsWith("text/plain; version=0.0.4"), SigilMetrics.CONTENT_TYPE);
    }

    @Test
    void aDatabaseThatDoesNotAnswerLeavesTheGaugeNaNAndTheRestServed() {
        String text = new String(metrics.scrape(() -> Double.NaN), StandardCharsets.UTF_8);
        assertTrue(text.contains("\nsigil_sessions_active NaN\n"), text);
        assertTrue(text.contains("sigil_logins_total{outcome=\"success\"} 0.0"), text);
    }
}
