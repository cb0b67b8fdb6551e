package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refresh rotation, reuse detection, logout, sessions, password change and lockout on a real server with short
 * windows (grace 2 s, idle 4 s, absolute 6 s, lock 4 s after 3 failures). The test reads the server's H2 database
 * (AUTO_SERVER) to check what was committed.
 */
class SessionsIT {

    private static SigilServer server;
    private static Accounts accounts;
    private static String dbUrl;

    @BeforeAll
    static void server() {
        dbUrl = "jdbc:h2:file:" + SigilServer.dirOf("sessions").resolve("db/sigil") + ";AUTO_SERVER=TRUE";
        server = SigilServer.shared("sessions", () -> Map.of(
                "SIGIL_DB_URL", dbUrl,
                "SIGIL_REFRESH_REUSE_GRACE", "PT2S",
                "SIGIL_REFRESH_TOKEN_TTL", "PT4S",
                "SIGIL_SESSION_MAX_LIFETIME", "PT6S",
                "SIGIL_LOCKOUT_THRESHOLD", "3",
                "SIGIL_LOCKOUT_DURATION", "PT4S",
                "SIGIL_PURGE_INTERVAL", "PT1S",
                "SIGIL_AUDIT_RETENTION", "P30D"));
        accounts = new Accounts(server);
    }

    private static Http.Reply refresh(String refreshToken) {
        return server.http().postJson("/api/auth/refresh",
                Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString());
    }

    private static JsonObject refreshed(String refreshToken) {
        Http.Reply reply = refresh(refreshToken);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        return reply.json();
    }

    private static void assertInvalidGrant(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("invalid_grant", reply.json().getString("error"));
    }

    private static int me(String accessToken) {
        return server.http().get("/api/me", accessToken).status();
    }

    private static long count(String sql, String... parameters) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static int execute(String sql, String... parameters) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String sid(JsonObject tokens) {
        return JWT.decode(tokens.getString("access_token")).getClaim("sid").asString();
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    // --- refresh: rejections first

    @Test
    void malformedRefreshRequestIsInvalidRequest() {
        for (String body : List.of("{}", "{\"refresh_token\":\"\"}", "[]", "{\"refresh_token\":")) {
            Http.Reply reply = server.http().postJson("/api/auth/refresh", body);
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("invalid_request", reply.json().getString("error"));
        }
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        assertInvalidGrant(refresh("dsAZp1eWHo4-7QHZk7K_nnUkG7cgIvPjeF-yZubYvIg"));
    }

    @Test
    void accessTokenIsNotARefreshToken() {
        JsonObject tokens = accounts.login(accounts.createUser("swap"), Accounts.PASSWORD);
        assertInvalidGrant(refresh(tokens.getString("access_token")));
    }

    @Test
    void refreshTokenReusedAfterGraceRevokesWholeSession() throws Exception {
        JsonObject first = accounts.login(accounts.createUser("reuse"), Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        sleep(2300);
        assertInvalidGrant(refresh(first.getString("refresh_token")));
        assertInvalidGrant(refresh(second.getString("refresh_token")));
        assertEquals(401, me(second.getString("access_token")), "the newest access token dies with the family");
        assertEquals(401, me(first.getString("access_token")));
    }

    @Test
    void reuseStillRevokesSessionAfterThe401() throws Exception {
        JsonObject first = accounts.login(accounts.createUser("reuse-commit"), Accounts.PASSWORD);
        refreshed(first.getString("refresh_token"));
        sleep(2300);
        assertInvalidGrant(refresh(first.getString("refresh_token")));
        String sid = sid(first);
        assertEquals(1, count("SELECT COUNT(*) FROM sessions WHERE id = ? AND revoked_at IS NOT NULL", sid));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'REFRESH_REUSE_DETECTED'"
                + " AND detail = ?", "session " + sid));
    }

    @Test
    void olderTokenOfTheChainIsReuseEvenInsideTheGrace() {
        JsonObject first = accounts.login(accounts.createUser("older"), Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        JsonObject third = refreshed(second.getString("refresh_token"));
        assertInvalidGrant(refresh(first.getString("refresh_token")));
        assertInvalidGrant(refresh(third.getString("refresh_token")));
        assertEquals(401, me(third.getString("access_token")));
    }

    @Test
    void expiredRefreshTokenIsInvalidGrant() throws Exception {
        JsonObject tokens = accounts.login(accounts.createUser("idle"), Accounts.PASSWORD);
        sleep(4300);
        assertInvalidGrant(refresh(tokens.getString("refresh_token")));
    }

    @Test
    void sessionEndsAtItsAbsoluteLifetimeWhateverTheRotations() throws Exception {
        JsonObject tokens = accounts.login(accounts.createUser("absolute"), Accounts.PASSWORD);
        sleep(2500);
        tokens = refreshed(tokens.getString("refresh_token"));
        assertTrue(tokens.getInt("refresh_expires_in") <= 4);
        sleep(2500);
        tokens = refreshed(tokens.getString("refresh_token"));
        assertTrue(tokens.getInt("refresh_expires_in") <= 1, "capped by the absolute lifetime: " + tokens);
        sleep(1600);
        assertInvalidGrant(refresh(tokens.getString("refresh_token")));
    }

    // --- refresh: success

    @Test
    void predecessorIsReuseOnceTheLiveTokenWasUsedEvenInsideTheGrace() throws Exception {
        JsonObject first = accounts.login(accounts.createUser("grace-spent"), Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        JsonObject replayed = refreshed(first.getString("refresh_token"));
        assertEquals(second.getString("refresh_token"), replayed.getString("refresh_token"));
        JsonObject third = refreshed(second.getString("refresh_token"));

        assertInvalidGrant(refresh(first.getString("refresh_token")));
        assertInvalidGrant(refresh(third.getString("refresh_token")));
        assertEquals(401, me(third.getString("access_token")), "the family is revoked");
        assertEquals(1, count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'REFRESH_REUSE_DETECTED'"
                + " AND detail = ?", "session " + sid(first)));
    }

    @Test
    void predecessorInsideGraceGetsTheSameLiveRefreshTokenAndAFreshAccessToken() throws Exception {
        JsonObject first = accounts.login(accounts.createUser("grace"), Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        JsonObject again = refreshed(first.getString("refresh_token"));

        assertEquals(second.getString("refresh_token"), again.getString("refresh_token"), "the same live token");
        assertNotEquals(second.getString("access_token"), again.getString("access_token"));
        assertEquals(sid(first), sid(again));
        assertEquals(200, me(again.getString("access_token")));
        assertEquals(2, count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ?", sid(first)),
                "the login's token and its successor: the replay added none");
        assertEquals(1, count("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = ? AND spent_at IS NULL",
                sha256(again.getString("refresh_token"))), "the live token is still live");
        JsonObject next = refreshed(again.getString("refresh_token"));
        assertEquals(200, me(next.getString("access_token")));
    }

    @Test
    void refreshSpendsTheTokenAndIssuesANewPairInTheSameSession() {
        JsonObject first = accounts.login(accounts.createUser("rotate"), Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        assertEquals(sid(first), sid(second));
        assertFalse(first.getString("refresh_token").equals(second.getString("refresh_token")));
        assertEquals(200, me(second.getString("access_token")));
    }

    @Test
    void twentyConcurrentRefreshesWithOneTokenAllGetTheSameLiveRefreshToken() throws Exception {
        JsonObject first = accounts.login(accounts.createUser("burst"), Accounts.PASSWORD);
        String presented = first.getString("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return refresh(presented);
                }));
            }
            start.countDown();
            Set<String> issued = new HashSet<>();
            for (Future<Http.Reply> call : calls) {
                Http.Reply reply = call.get();
                assertEquals(200, reply.status(), reply::toString);
                issued.add(reply.json().getString("refresh_token"));
            }
            assertEquals(1, issued.size(), "every racing refresh gets the same live token: " + issued);
            String sid = sid(first);
            assertEquals(1, count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ? AND spent_at IS NULL", sid));
            assertEquals(1, count("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = ? AND spent_at IS NULL",
                    sha256(issued.iterator().next())), "exactly one chain stays alive");
            assertEquals(0, count("SELECT COUNT(*) FROM sessions WHERE id = ? AND revoked_at IS NOT NULL", sid));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- logout, logout-all, sessions

    @Test
    void logoutEndsThisSessionsRefreshAndAccessTokenAtOnce() {
        String username = accounts.createUser("logout");
        JsonObject tokens = accounts.login(username, Accounts.PASSWORD);
        JsonObject other = accounts.login(username, Accounts.PASSWORD);
        Http.Reply reply = server.http().postJson("/api/auth/logout", "", tokens.getString("access_token"));
        assertEquals(204, reply.status(), reply::toString);
        assertEquals(401, me(tokens.getString("access_token")));
        assertInvalidGrant(refresh(tokens.getString("refresh_token")));
        assertEquals(200, me(other.getString("access_token")), "another session lives on");
    }

    @Test
    void logoutWithoutTokenIs401() {
        assertEquals(401, server.http().postJson("/api/auth/logout", "{}").status());
    }

    @Test
    void logoutAllEndsEverySessionAndEveryAccessToken() {
        String username = accounts.createUser("everywhere");
        JsonObject one = accounts.login(username, Accounts.PASSWORD);
        JsonObject two = accounts.login(username, Accounts.PASSWORD);
        Http.Reply reply = server.http().postJson("/api/auth/logout-all", "", one.getString("access_token"));
        assertEquals(204, reply.status(), reply::toString);
        assertEquals(401, me(one.getString("access_token")));
        assertEquals(401, me(two.getString("access_token")));
        assertInvalidGrant(refresh(one.getString("refresh_token")));
        assertInvalidGrant(refresh(two.getString("refresh_token")));
        JsonObject fresh = accounts.login(username, Accounts.PASSWORD);
        assertEquals(200, me(fresh.getString("access_token")), "a login right after logout-all works");
    }

    @Test
    void deletingAnotherUsersSessionIs404() {
        JsonObject mine = accounts.login(accounts.createUser("mine"), Accounts.PASSWORD);
        JsonObject theirs = accounts.login(accounts.createUser("theirs"), Accounts.PASSWORD);
        String token = mine.getString("access_token");
        Http.Reply foreign = server.http().send(server.http().request("/api/auth/sessions/" + sid(theirs))
                .header("Authorization", "Bearer " + token).DELETE());
        assertEquals(404, foreign.status(), foreign::toString);
        Http.Reply unknown = server.http().send(server.http().request("/api/auth/sessions/no-such-session")
                .header("Authorization", "Bearer " + token).DELETE());
        assertEquals(404, unknown.status());
        assertEquals(200, me(theirs.getString("access_token")), "their session is untouched");
    }

    @Test
    void sessionListShowsOwnSessionsAndDeleteEndsOne() {
        String username = accounts.createUser("list");
        JsonObject one = accounts.login(username, Accounts.PASSWORD);
        JsonObject two = accounts.login(username, Accounts.PASSWORD);
        Http.Reply list = server.http().get("/api/auth/sessions", one.getString("access_token"));
        assertEquals(200, list.status(), list::toString);
        JsonArray sessions = list.jsonArray();
        assertEquals(2, sessions.size());
        for (JsonObject session : sessions.getValuesAs(JsonObject.class)) {
            assertEquals(java.util.Set.of("id", "created_at", "last_used_at", "ip", "user_agent", "client_id",
                    "current"), session.keySet());
            assertEquals(jakarta.json.JsonValue.NULL, session.get("client_id"), "no OAuth client for /api/auth/login");
            assertEquals(session.getString("id").equals(sid(one)), session.getBoolean("current"));
        }
        Http.Reply deleted = server.http().send(server.http().request("/api/auth/sessions/" + sid(two))
                .header("Authorization", "Bearer " + one.getString("access_token")).DELETE());
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(401, me(two.getString("access_token")));
        assertInvalidGrant(refresh(two.getString("refresh_token")));
        assertEquals(1, server.http().get("/api/auth/sessions", one.getString("access_token")).jsonArray().size());
    }

    // --- password change

    @Test
    void passwordChangeChecksTheCurrentPasswordAndThePolicy() {
        String username = accounts.createUser("pw-bad");
        String token = accounts.accessToken(username);
        Http.Reply wrong = server.http().postJson("/api/auth/password",
                "{\"current_password\":\"not it at all\",\"new_password\":\"a brand new password\"}", token);
        assertEquals(401, wrong.status(), wrong::toString);
        Http.Reply weak = server.http().postJson("/api/auth/password",
                "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"short\"}", token);
        assertEquals(400, weak.status(), weak::toString);
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
    }

    @Test
    void passwordChangeEndsAllOtherSessions() {
        String username = accounts.createUser("pw");
        JsonObject current = accounts.login(username, Accounts.PASSWORD);
        JsonObject other = accounts.login(username, Accounts.PASSWORD);
        Http.Reply reply = server.http().postJson("/api/auth/password",
                "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"a brand new password\"}",
                current.getString("access_token"));
        assertEquals(204, reply.status(), reply::toString);
        assertEquals(200, me(current.getString("access_token")));
        assertEquals(401, me(other.getString("access_token")));
        assertInvalidGrant(refresh(other.getString("refresh_token")));
        assertEquals(200, refresh(current.getString("refresh_token")).status());
        assertEquals(401, accounts.tryLogin(username, Accounts.PASSWORD).status());
        assertEquals(200, accounts.tryLogin(username, "a brand new password").status());
    }

    // --- lockout

    @Test
    void unknownUsernameLocksAfterThreshold() {
        String ghost = Accounts.uniqueName("ghost");
        for (int i = 0; i < 3; i++) {
            assertInvalidGrant(accounts.tryLogin(ghost, "whatever it is"));
        }
        Http.Reply locked = accounts.tryLogin(ghost.toUpperCase(), "whatever it is");
        assertEquals(429, locked.status(), locked::toString);
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        assertTrue(locked.contentType().startsWith("application/problem+json"));
    }

    @Test
    void lockedUserIsRefusedEvenWithTheRightPasswordUntilTheLockEnds() throws Exception {
        String username = accounts.createUser("locked");
        for (int i = 0; i < 3; i++) {
            assertInvalidGrant(accounts.tryLogin(username, "wrong password!"));
        }
        assertEquals(429, accounts.tryLogin(username, Accounts.PASSWORD).status());
        assertEquals(1, count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'LOCKED_OUT' AND username = ?",
                username) >= 1 ? 1 : 0);
        sleep(4200);
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
    }

    @Test
    void successResetsTheFailureCounter() {
        String username = accounts.createUser("reset");
        assertInvalidGrant(accounts.tryLogin(username, "wrong password!"));
        assertInvalidGrant(accounts.tryLogin(username, "wrong password!"));
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
        assertInvalidGrant(accounts.tryLogin(username, "wrong password!"));
        assertInvalidGrant(accounts.tryLogin(username, "wrong password!"));
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
    }

    @Test
    void failedLoginsAreAuditedWithoutThePassword() throws Exception {
        String username = accounts.createUser("audit");
        accounts.tryLogin(username, "a wrong secret password");
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
        assertTrue(count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'LOGIN_FAILURE' AND username = ?",
                username) >= 1);
        assertEquals(1, count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'LOGIN_SUCCESS' AND username = ?",
                username));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_events WHERE detail LIKE ? OR detail LIKE ?",
                "%a wrong secret password%", "%" + Accounts.PASSWORD + "%"));
    }

    @Test
    void everySessionEventIsAuditedWithTimeAndIpButNoSecret() throws Exception {
        String username = accounts.createUser("trail");
        JsonObject first = accounts.login(username, Accounts.PASSWORD);
        JsonObject second = refreshed(first.getString("refresh_token"));
        String access = second.getString("access_token");
        assertEquals(204, server.http().postJson("/api/auth/password",
                "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"an audited new password\"}",
                access).status());
        assertEquals(204, server.http().postJson("/api/auth/logout", "", access).status());
        JsonObject third = accounts.login(username, "an audited new password");
        assertEquals(204, server.http().postJson("/api/auth/logout-all", "", third.getString("access_token")).status());

        Map<String, Integer> expected = Map.of("LOGIN_SUCCESS", 2, "REFRESH", 1, "PASSWORD_CHANGED", 1, "LOGOUT", 1,
                "LOGOUT_ALL", 1);
        for (Map.Entry<String, Integer> event : expected.entrySet()) {
            assertEquals(event.getValue().longValue(), count("SELECT COUNT(*) FROM audit_events WHERE event_type = ?"
                    + " AND username = ? AND occurred_at IS NOT NULL AND ip IS NOT NULL", event.getKey(), username),
                    event.getKey());
        }
        for (String secret : new String[] {first.getString("refresh_token"), second.getString("refresh_token"),
                access, third.getString("refresh_token"), sha256(first.getString("refresh_token")),
                Accounts.PASSWORD, "an audited new password", "$argon2id$"}) {
            assertEquals(0, count("SELECT COUNT(*) FROM audit_events WHERE detail LIKE ? OR username LIKE ?",
                    "%" + secret + "%", "%" + secret + "%"), "a secret in the audit trail");
        }
    }

    // --- purge

    @Test
    void purgeDeletesWhatCanNoLongerMatterAndKeepsTheRest() throws Exception {
        String username = accounts.createUser("purge");
        String expired = sid(accounts.login(username, Accounts.PASSWORD));
        String revokedLongAgo = sid(accounts.login(username, Accounts.PASSWORD));
        JsonObject recent = accounts.login(username, Accounts.PASSWORD);
        assertEquals(204, server.http().postJson("/api/auth/logout", "", recent.getString("access_token")).status());
        String live = sid(accounts.login(username, Accounts.PASSWORD));
        // Time is moved by moving the data: past the access-token window (5 min + leeway), and past the audit retention.
        assertEquals(1, execute("UPDATE sessions SET idle_expires_at = DATEADD('HOUR', -1, CURRENT_TIMESTAMP) WHERE id = ?",
                expired));
        assertEquals(1, execute("UPDATE sessions SET revoked_at = DATEADD('HOUR', -1, CURRENT_TIMESTAMP) WHERE id = ?",
                revokedLongAgo));
        assertEquals(1, execute("INSERT INTO audit_events (id, occurred_at, event_type, username) VALUES "
                + "(RANDOM_UUID(), DATEADD('DAY', -31, CURRENT_TIMESTAMP), 'LOGIN_SUCCESS', ?)", username));

        long deadline = System.currentTimeMillis() + 5000;
        while (count("SELECT COUNT(*) FROM sessions WHERE id IN (?, ?)", expired, revokedLongAgo) > 0
                && System.currentTimeMillis() < deadline) {
            sleep(200);
        }
        sleep(1200); // one more purge run, so the audit delete of the same run has surely committed
        assertEquals(0, count("SELECT COUNT(*) FROM sessions WHERE id IN (?, ?)", expired, revokedLongAgo));
        assertEquals(0, count("SELECT COUNT(*) FROM refresh_tokens WHERE session_id IN (?, ?)", expired, revokedLongAgo),
                "their refresh tokens go with them");
        assertEquals(1, count("SELECT COUNT(*) FROM sessions WHERE id = ?", sid(recent)),
                "a session revoked while its access tokens may live is kept for a restarting node");
        assertEquals(1, count("SELECT COUNT(*) FROM sessions WHERE id = ?", live));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_events WHERE username = ? AND occurred_at < "
                + "DATEADD('DAY', -30, CURRENT_TIMESTAMP)", username), "audit events past the retention are deleted");
        assertEquals(4, count("SELECT COUNT(*) FROM audit_events WHERE username = ? AND event_type = 'LOGIN_SUCCESS'",
                username), "recent ones are kept");
    }
}
