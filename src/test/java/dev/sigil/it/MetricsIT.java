package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 7: Sigil's own metrics in the Prometheus text format. Each test reads the counters, does real
 * requests, and checks the exact deltas. One hash slot with a short wait, so that a burst shows the bulkhead's waits;
 * a grace of zero, so that a refresh token presented twice is reuse at once.
 */
class MetricsIT {

    private static final int LOCKOUT_THRESHOLD = 3;
    /** Every sample line: a metric name, labels drawn only from Sigil's fixed words, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "sigil_[a-z_]+(\\{((outcome|result|source|le)=\"[a-z_0-9.E+\\-Inf]+\",?)+})? (-?[0-9.E\\-]+|NaN)");

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.dedicated("metrics", Map.of(
                "SIGIL_DB_URL", "jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1",
                "SIGIL_METRICS_PUBLIC", "true",
                "SIGIL_LOCKOUT_THRESHOLD", Integer.toString(LOCKOUT_THRESHOLD),
                "SIGIL_REFRESH_REUSE_GRACE", "PT0S",
                "SIGIL_HASH_CONCURRENCY", "1",
                "SIGIL_HASH_QUEUE_WAIT", "PT0.1S",
                "SIGIL_PURGE_INTERVAL", "PT24H")).start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // --- rejections first ---

    @Test
    void theAdminEndpointRefusesNoTokenABadTokenAndANonAdmin() {
        Http.Reply none = server.http().get("/api/admin/metrics");
        assertEquals(401, none.status(), none::toString);
        assertEquals("Bearer realm=\"sigil\"", none.header("WWW-Authenticate").orElse(null));

        Http.Reply forged = server.http().get("/api/admin/metrics", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertEquals(401, forged.status(), forged::toString);
        assertTrue(forged.header("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""), forged::toString);

        String user = accounts.createUser("metrics-user");
        Http.Reply notAdmin = server.http().get("/api/admin/metrics", accounts.accessToken(user));
        assertEquals(403, notAdmin.status(), notAdmin::toString);
        assertTrue(notAdmin.header("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""),
                notAdmin::toString);
        assertFalse(notAdmin.body().contains("sigil_"), notAdmin::toString);
    }

    @Test
    void withoutTheSwitchThePublicPathIsTheNotFoundOfAnUnknownPath() {
        SigilServer main = SigilServer.main(); // started without SIGIL_METRICS_PUBLIC
        Http.Reply metrics = main.http().get("/api/metrics");
        Http.Reply unknown = main.http().get("/api/no-such-thing");
        assertEquals(404, metrics.status(), metrics::toString);
        assertTrue(metrics.contentType().startsWith("application/problem+json"), metrics::toString);
        assertEquals(withoutInstance(unknown.json()), withoutInstance(metrics.json()));
        assertFalse(metrics.body().contains("sigil_"), metrics::toString);
        // The admin endpoint is there either way.
        Http.Reply admin = main.http().get("/api/admin/metrics", new Accounts(main).adminToken());
        assertEquals(200, admin.status(), admin::toString);
    }

    // --- what is counted ---

    @Test
    void bothEndpointsServeTheTextFormatAndTheSameMetrics() {
        Http.Reply open = server.http().get("/api/metrics");
        assertEquals(200, open.status(), open::toString);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", open.contentType());
        Http.Reply admin = server.http().get("/api/admin/metrics", accounts.adminToken());
        assertEquals(200, admin.status(), admin::toString);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", admin.contentType());
        assertEquals(parse(open.body()).keySet(), parse(admin.body()).keySet());
    }

    @Test
    void loginsAreCountedByOutcomeAndTheLockoutOnce() {
        String user = accounts.createUser("metrics-login");
        Map<String, Double> before = scrape();

        accounts.login(user, Accounts.PASSWORD);
        for (int i = 0; i < LOCKOUT_THRESHOLD; i++) {
            assertEquals(401, accounts.tryLogin(user, "wrong password " + i).status());
        }
        assertEquals(429, accounts.tryLogin(user, Accounts.PASSWORD).status());
        assertEquals(400, server.http().postJson("/api/auth/login", "{\"username\":\"" + user + "\"}").status());

        Map<String, Double> after = scrape();
        assertDeltas(before, after, Map.of(
                "sigil_logins_total{outcome=\"success\"}", 1.0,
                "sigil_logins_total{outcome=\"failure\"}", (double) LOCKOUT_THRESHOLD,
                "sigil_logins_total{outcome=\"locked\"}", 1.0,
                "sigil_logins_total{outcome=\"invalid\"}", 1.0,
                "sigil_logins_total{outcome=\"busy\"}", 0.0,
                "sigil_lockouts_total", 1.0,
                "sigil_sessions_active", 1.0,
                "sigil_refreshes_total{outcome=\"success\"}", 0.0));
    }

    @Test
    void theGrantsOfTheOAuthTokenEndpointAreCountedAsLoginsAndRefreshes() {
        String user = accounts.createUser("metrics-oauth");
        Map<String, Double> before = scrape();

        Http.Reply granted = oauthToken("grant_type", "password", "username", user, "password", Accounts.PASSWORD);
        assertEquals(200, granted.status(), granted::toString);
        String refreshToken = granted.json().getString("refresh_token");
        assertEquals(200, oauthToken("grant_type", "refresh_token", "refresh_token", refreshToken).status());
        assertEquals(400, oauthToken("grant_type", "refresh_token", "refresh_token", "unknown-token").status());
        for (int i = 0; i < LOCKOUT_THRESHOLD; i++) {
            assertEquals(400, oauthToken("grant_type", "password", "username", user, "password", "wrong " + i)
                    .status());
        }
        Http.Reply locked = oauthToken("grant_type", "password", "username", user, "password", Accounts.PASSWORD);
        assertEquals(400, locked.status(), locked::toString);
        assertTrue(locked.header("Retry-After").isPresent(), locked::toString);
        assertEquals(400, oauthToken("grant_type", "password", "username", user).status(), "no password");
        assertEquals(400, oauthToken("grant_type", "client_credentials").status(), "not counted: no such grant");

        assertDeltas(before, scrape(), Map.of(
                "sigil_logins_total{outcome=\"success\"}", 1.0,
                "sigil_logins_total{outcome=\"failure\"}", (double) LOCKOUT_THRESHOLD,
                "sigil_logins_total{outcome=\"locked\"}", 1.0,
                "sigil_logins_total{outcome=\"invalid\"}", 1.0,
                "sigil_refreshes_total{outcome=\"success\"}", 1.0,
                "sigil_refreshes_total{outcome=\"failure\"}", 1.0,
                "sigil_refreshes_total{outcome=\"invalid\"}", 0.0,
                "sigil_lockouts_total", 1.0));
    }

    @Test
    void refreshesReuseAndTheRevocationItCausesAreCounted() {
        String user = accounts.createUser("metrics-refresh");
        Map<String, Double> before = scrape();

        String first = accounts.login(user, Accounts.PASSWORD).getString("refresh_token");
        Http.Reply rotated = refresh(first);
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(401, refresh(first).status(), "spent and not graced: reuse");
        assertEquals(401, refresh("not-a-refresh-token").status());
        assertEquals(400, server.http().postJson("/api/auth/refresh", "{}").status());

        assertDeltas(before, scrape(), Map.of(
                "sigil_logins_total{outcome=\"success\"}", 1.0,
                "sigil_refreshes_total{outcome=\"success\"}", 1.0,
                "sigil_refreshes_total{outcome=\"failure\"}", 2.0,
                "sigil_refreshes_total{outcome=\"invalid\"}", 1.0,
                "sigil_refresh_reuse_detected_total", 1.0,
                "sigil_revocations_applied_total{source=\"local\"}", 1.0,
                "sigil_sessions_active", 0.0));
    }

    @Test
    void everyVerifiedBearerTokenIsTimedAndALogoutIsALocalRevocation() {
        String user = accounts.createUser("metrics-bearer");
        String token = accounts.accessToken(user);
        Map<String, Double> before = scrape();

        for (int i = 0; i < 5; i++) {
            assertEquals(200, server.http().get("/api/me", token).status());
        }
        assertEquals(204, server.http().postJson("/api/auth/logout", "{}", token).status());
        assertEquals(401, server.http().get("/api/me", token).status(), "revoked by the logout");
        assertEquals(401, server.http().get("/api/me").status(), "no token: nothing to verify, nothing timed");

        Map<String, Double> after = scrape();
        assertDeltas(before, after, Map.of(
                "sigil_access_token_verification_seconds_count{result=\"accepted\"}", 6.0,
                "sigil_access_token_verification_seconds_count{result=\"refused\"}", 1.0,
                "sigil_revocations_applied_total{source=\"local\"}", 1.0,
                "sigil_sessions_active", -1.0));
        assertTrue(after.get("sigil_access_token_verification_seconds_sum{result=\"accepted\"}")
                > before.get("sigil_access_token_verification_seconds_sum{result=\"accepted\"}"));
    }

    @Test
    void everyHashRejectedByTheBulkheadIsABusyLoginAndARejectedWait() throws Exception {
        long busy = 0;
        for (int round = 0; round < 3 && busy == 0; round++) {
            Map<String, Double> before = scrape();
            // Unknown names, each its own, so the lockout stays out of it.
            List<Http.Reply> replies = Burst.of(12, n -> accounts.tryLogin(Accounts.uniqueName("burst"), "x"));
            Map<String, Double> after = scrape();
            busy = replies.stream().filter(reply -> reply.status() == 503).count();
            long failed = replies.stream().filter(reply -> reply.status() == 401).count();
            assertEquals(replies.size(), busy + failed, replies::toString);
            assertDeltas(before, after, Map.of(
                    "sigil_logins_total{outcome=\"busy\"}", (double) busy,
                    "sigil_logins_total{outcome=\"failure\"}", (double) failed,
                    "sigil_hash_slot_wait_seconds_count{outcome=\"rejected\"}", (double) busy));
            double acquired = after.get("sigil_hash_slot_wait_seconds_count{outcome=\"acquired\"}")
                    - before.get("sigil_hash_slot_wait_seconds_count{outcome=\"acquired\"}");
            assertTrue(acquired <= failed, "only hashes that ran can have waited and got a slot: " + acquired);
        }
        assertTrue(busy > 0, "in 3 bursts of 12 on one slot with a 0.1 s wait, some waited too long");
    }

    @Test
    void theOutputNamesNoUserAndHoldsNoSecret() {
        String user = accounts.createUser("metrics-secret");
        JsonObject tokens = accounts.login(user, Accounts.PASSWORD);
        assertEquals(401, accounts.tryLogin(user, "a wrong password").status());
        String text = server.http().get("/api/admin/metrics", accounts.adminToken()).body();
        for (String secret : List.of(user, Accounts.PASSWORD, "a wrong password", server.adminPassword(),
                tokens.getString("access_token"), tokens.getString("refresh_token"), "admin\"")) {
            assertFalse(text.contains(secret), "the output contains " + secret);
        }
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP sigil_") || line.startsWith("# TYPE sigil_")
                    || SAMPLE.matcher(line).matches(), () -> "not one of Sigil's sample lines: " + line);
        }
    }

    private static Http.Reply refresh(String refreshToken) {
        return server.http().postJson("/api/auth/refresh",
                Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString());
    }

    private static Http.Reply oauthToken(String... namesAndValues) {
        return server.http().send(server.http().request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuth2IT.form(namesAndValues))));
    }

    /** The public endpoint, so that reading the counters verifies no token and logs nobody in. */
    private static Map<String, Double> scrape() {
        Http.Reply reply = server.http().get("/api/metrics");
        assertEquals(200, reply.status(), reply::toString);
        return parse(reply.body());
    }

    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static void assertDeltas(Map<String, Double> before, Map<String, Double> after,
            Map<String, Double> expected) {
        Map<String, Double> actual = new HashMap<>();
        expected.keySet().forEach(name -> {
            assertTrue(after.containsKey(name) && before.containsKey(name), () -> "no sample " + name + " in " + after);
            actual.put(name, after.get(name) - before.get(name));
        });
        assertEquals(expected, actual);
    }

    private static JsonObject withoutInstance(JsonObject problem) {
        return Json.createObjectBuilder(problem).remove("instance").build();
    }
}
