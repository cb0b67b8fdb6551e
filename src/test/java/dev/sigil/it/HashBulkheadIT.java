package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 4: concurrent password hashing is bounded. With one hash slot and a 100 ms wait, a burst of logins gets
 * 401 for those that got a slot in time and 503 + Retry-After (problem+json) for the rest: never another 5xx, never a
 * starved server.
 */
class HashBulkheadIT {

    private static final int BURST = 24;

    private static SigilServer server;

    @BeforeAll
    static void server() {
        server = SigilServer.dedicated("bulkhead", Map.of(
                "SIGIL_DB_URL", "jdbc:h2:mem:bulkhead;DB_CLOSE_DELAY=-1",
                "SIGIL_HASH_CONCURRENCY", "1",
                "SIGIL_HASH_QUEUE_WAIT", "PT0.1S")).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theExcessOfABurstGets503WithRetryAfterAndNothingElseFails() throws Exception {
        for (int round = 0; round < 3; round++) {
            // Unknown names, each its own, so the lockout stays out of it.
            List<Http.Reply> replies = Burst.of(BURST,
                    n -> new Accounts(server).tryLogin(Accounts.uniqueName("busy"), "some password"));
            long busy = 0;
            for (Http.Reply reply : replies) {
                assertTrue(reply.status() == 401 || reply.status() == 503, reply::toString);
                if (reply.status() == 503) {
                    busy++;
                    assertEquals("1", reply.header("Retry-After").orElse(null), reply::toString);
                    assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
                    assertEquals("temporarily_unavailable", reply.json().getString("error"));
                }
            }
            assertTrue(busy > 0, "round " + round + ": some of " + BURST + " waited too long for the one slot");
            assertTrue(busy < BURST, "round " + round + ": some got the slot");
        }
        assertEquals(200, server.http().get("/api/ping").status(), "the server still answers");
        new Accounts(server).login("admin", server.adminPassword());
    }
}
