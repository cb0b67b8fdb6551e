package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 4: every connection of Sigil's PostgreSQL database is cut (pg_terminate_backend), as a database
 * restart or a network cut would. While connections keep dying, clients see only answers (200, 401, 429) or a 503
 * problem with Retry-After, never a 500; once the database answers again, Sigil is ready within seconds and every request
 * works, with no 5xx, including revocations made after the cut.
 */
class DatabaseOutageIT {

    private static final long RECOVERY_DEADLINE_MILLIS = 20_000;

    private static TestPostgres.Database database;
    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        database = TestPostgres.create("sigil_outage");
        // Logins must not queue into 503s on the hash bulkhead (HashBulkheadIT): here a 503 must mean the database.
        Map<String, String> env = new java.util.HashMap<>(database.sigilEnv());
        env.put("SIGIL_HASH_QUEUE_WAIT", "PT60S");
        server = SigilServer.dedicated("outage", env).start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        database.drop();
    }

    private static Http.Reply refresh(String refreshToken) {
        return server.http().postJson("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private static Http.Reply me(String accessToken) {
        return server.http().get("/api/me", accessToken);
    }

    /** Cuts every connection, three times a little apart, so that connections opened in between die too. */
    private static void cutEveryConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            database.terminateBackends();
            Thread.sleep(200);
        }
    }

    /** Milliseconds until /health/ready answers 200; fails after the deadline. */
    private static long millisUntilReady() throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(RECOVERY_DEADLINE_MILLIS);
        Http.Reply ready = server.http().get("/health/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = server.http().get("/health/ready");
        }
        assertEquals(200, ready.status(), "ready again within " + RECOVERY_DEADLINE_MILLIS + " ms: " + ready);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Only answers or 503 problems. A 429 with Retry-After 1 is an answer too: a login whose outcome the database
     * never got stays counted in flight (for up to a minute), and the name's budget of attempts at once runs out.
     */
    private static void assertNoServerErrorBut503Problems(List<Http.Reply> replies) {
        for (Http.Reply reply : replies) {
            assertTrue(List.of(200, 401, 429, 503).contains(reply.status()), reply::toString);
            if (reply.status() == 429) {
                assertEquals("1", reply.header("Retry-After").orElseThrow(), reply::toString);
            }
            if (reply.status() == 503) {
                assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
                assertEquals("temporarily_unavailable", reply.json().getString("error"), reply::toString);
                assertTrue(Long.parseLong(reply.header("Retry-After").orElseThrow()) > 0, reply::toString);
            }
        }
    }

    @Test
    void whileConnectionsKeepDyingClientsGetAnswersOr503ProblemsNeverA500() throws Exception {
        String username = accounts.createUser("outage-storm");
        JsonObject session = accounts.login(username, Accounts.PASSWORD);
        String accessToken = session.getString("access_token");
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refreshTokens.add(accounts.login(username, Accounts.PASSWORD).getString("refresh_token"));
        }
        AtomicBoolean storm = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Http.Reply> replies = new ArrayList<>();
        try {
            Future<Integer> cutter = pool.submit(() -> {
                int cuts = 0;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < end) {
                    database.terminateBackends();
                    cuts++;
                    Thread.sleep(20);
                }
                storm.set(false);
                return cuts;
            });
            List<Future<List<Http.Reply>>> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    List<Http.Reply> seen = new ArrayList<>();
                    for (int n = 0; storm.get() && n < 200; n++) {
                        seen.add(switch (n % 3) {
                            case 0 -> accounts.tryLogin(username, Accounts.PASSWORD);
                            case 1 -> refresh(refreshTokens.get((client * 13 + n) % refreshTokens.size()));
                            // A wrong password for a name of its own: a 401, never a lock (429) of the name above.
                            default -> accounts.tryLogin(Accounts.uniqueName("outage-nobody"), "a wrong password");
                        });
                    }
                    return seen;
                }));
            }
            assertTrue(cutter.get(60, TimeUnit.SECONDS) > 10, "connections were cut again and again");
            for (Future<List<Http.Reply>> client : clients) {
                replies.addAll(client.get(120, TimeUnit.SECONDS));
            }
        } finally {
            storm.set(false);
            pool.shutdownNow();
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        replies.forEach(reply -> statuses.merge(reply.status(), 1L, Long::sum));
        System.err.println("DatabaseOutageIT: during 3 s of cut connections " + replies.size() + " requests: "
                + statuses);
        assertNoServerErrorBut503Problems(replies);

        long recovery = millisUntilReady();
        System.err.println("DatabaseOutageIT: ready " + recovery + " ms after the last cut");
        assertEquals(200, me(accessToken).status(), "the bearer filter never needed the database");
        String other = accounts.createUser("outage-after");
        assertEquals(200, accounts.tryLogin(other, Accounts.PASSWORD).status());
        Http.Reply again = accounts.tryLogin(username, Accounts.PASSWORD);
        assertTrue(again.status() == 200 || again.status() == 429, again::toString);
    }

    @Test
    void afterEveryConnectionIsCutSigilIsReadyWithinSecondsAndServesWithoutA5xx() throws Exception {
        String username = accounts.createUser("outage-recover");
        JsonObject before = accounts.login(username, Accounts.PASSWORD);
        assertEquals(200, server.http().get("/health/ready").status());

        cutEveryConnection();
        long recovery = millisUntilReady();
        System.err.println("DatabaseOutageIT: ready " + recovery + " ms after every connection was cut");

        for (int i = 0; i < 5; i++) {
            assertEquals(200, server.http().get("/health/ready").status(), "stays ready");
        }
        JsonObject after = accounts.login(username, Accounts.PASSWORD);
        Http.Reply refreshed = refresh(before.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(200, me(refreshed.json().getString("access_token")).status());
        assertEquals(200, me(after.getString("access_token")).status());

        Http.Reply logout = server.http().postJson("/api/auth/logout", "", after.getString("access_token"));
        assertEquals(204, logout.status(), logout::toString);
        assertEquals(401, me(after.getString("access_token")).status(), "logged out after the cut: refused");
        assertEquals(401, refresh(after.getString("refresh_token")).status(), "and its refresh token too");
        assertEquals(200, me(refreshed.json().getString("access_token")).status(), "the other session lives on");
    }

    @Test
    void theRequestsRightAfterACutWhileIdleSucceedWithoutWaitingForReadiness() throws Exception {
        String username = accounts.createUser("outage-idle");
        cutEveryConnection();
        // The database itself never went away: the pooled connections did, and no request may pay for them.
        List<Http.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(accounts.tryLogin(username, Accounts.PASSWORD));
        }
        replies.forEach(reply -> assertEquals(200, reply.status(), reply::toString));
    }
}
