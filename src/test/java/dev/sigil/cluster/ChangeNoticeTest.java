package dev.sigil.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeNoticeTest {

    private static final Instant AT = Instant.parse("2026-12-03T09:15:30Z");

    @Test
    void everyKindSurvivesItsPayload() {
        for (ChangeNotice notice : new ChangeNotice[] {
                ChangeNotice.session("0f6c2b7e-5e36-4d0b-9d0e-0a1b2c3d4e5f", AT),
                ChangeNotice.user("6f1d8a3c-2b4e-4f60-8a7b-9c0d1e2f3a4b", AT.plusNanos(123_000_000)),
                ChangeNotice.keys()}) {
            assertEquals(Optional.of(notice), ChangeNotice.parse(notice.payload()));
        }
    }

    @Test
    void aPayloadCarriesIdsAndInstantsOnlyAndStaysFarBelowPostgresLimit() {
        String payload = ChangeNotice.user("6f1d8a3c-2b4e-4f60-8a7b-9c0d1e2f3a4b", AT).payload();
        assertEquals("user 6f1d8a3c-2b4e-4f60-8a7b-9c0d1e2f3a4b 2026-12-03T09:15:30Z", payload);
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < 8000);
    }

    @Test
    void whatThisVersionDoesNotUnderstandIsIgnoredNotGuessed() {
        for (String payload : new String[] {null, "", "keys now", "session", "session  " + AT, "session x yesterday",
                "user a b c", "token abc " + AT, "SESSION x " + AT}) {
            assertEquals(Optional.empty(), ChangeNotice.parse(payload), String.valueOf(payload));
        }
    }
}
