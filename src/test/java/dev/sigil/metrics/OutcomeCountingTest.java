package dev.sigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigil.metrics.SigilMetrics.Outcome;
import org.junit.jupiter.api.Test;

class OutcomeCountingTest {

    @Test
    void firstPartyAnswersMapByStatus() {
        assertEquals(Outcome.SUCCESS, OutcomeCounting.of(200));
        assertEquals(Outcome.FAILURE, OutcomeCounting.of(401));
        assertEquals(Outcome.LOCKED, OutcomeCounting.of(429));
        assertEquals(Outcome.BUSY, OutcomeCounting.of(503));
        assertEquals(Outcome.INVALID, OutcomeCounting.of(415));
        assertEquals(Outcome.ERROR, OutcomeCounting.of(500));
    }

    @Test
    void oauthGrantAnswersTellALockAFailedGrantAndAMalformedRequestApartAt400() {
        String invalidGrant = "{\"error\":\"invalid_grant\",\"error_description\":\"x\"}";
        String invalidRequest = "{\"error\":\"invalid_request\",\"error_description\":\"x\"}";
        assertEquals(Outcome.LOCKED, OutcomeCounting.ofGrant(400, true, invalidGrant));
        assertEquals(Outcome.FAILURE, OutcomeCounting.ofGrant(400, false, invalidGrant));
        assertEquals(Outcome.INVALID, OutcomeCounting.ofGrant(400, false, invalidRequest));
        assertEquals(Outcome.INVALID, OutcomeCounting.ofGrant(401, false, "{\"error\":\"invalid_client\"}"));
        assertEquals(Outcome.BUSY, OutcomeCounting.ofGrant(503, true, null));
        assertEquals(Outcome.SUCCESS, OutcomeCounting.ofGrant(200, false, null));
    }
}
