package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The user lifecycle and the audit query of /api/admin/** on a real server: rejections first. */
class AdminLifecycleIT {

    private static SigilServer server;
    private static Accounts accounts;
    private static String admin;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
        admin = accounts.adminToken();
    }

    private static Http.Reply send(String method, String path, String json, String bearer) {
        return server.http().send(method, path, json, bearer);
    }

    private static Http.Reply post(String path, String bearer) {
        return send("POST", path, null, bearer);
    }

    private static Http.Reply putRoles(String username, String json, String bearer) {
        return send("PUT", "/api/admin/users/" + username + "/roles", json, bearer);
    }

    private static Http.Reply refresh(String refreshToken) {
        return server.http().postJson("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private static int me(String accessToken) {
        return server.http().get("/api/me", accessToken).status();
    }

    private static Set<String> groups(String accessToken) {
        return Set.copyOf(JWT.decode(accessToken).getClaim("groups").asList(String.class));
    }

    private static JsonArray audit(String query) {
        Http.Reply reply = server.http().get("/api/admin/audit" + query, admin);
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray();
    }

    // --- rejections

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/admin/users", "PUT /api/admin/users/admin/roles", "POST /api/admin/users/admin/disable",
        "POST /api/admin/users/admin/enable", "POST /api/admin/users/admin/unlock", "DELETE /api/admin/users/admin",
        "GET /api/admin/audit", "POST /api/admin/keys/rotate"})
    void nonAdminIs403InsufficientScope(String request) {
        String[] parts = request.split(" ");
        String token = accounts.accessToken(accounts.createUser("plain"));
        Http.Reply reply = send(parts[0], parts[1], parts[0].equals("PUT") ? "[\"admin\"]" : null, token);
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.header("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
        assertEquals(403, send(parts[0], parts[1], null, token).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /roles", "POST /disable", "POST /enable", "POST /unlock", "DELETE "})
    void unknownUserIs404(String request) {
        String[] parts = request.split(" ", -1);
        String path = "/api/admin/users/" + Accounts.uniqueName("ghost") + parts[1];
        Http.Reply reply = send(parts[0], path, parts[0].equals("PUT") ? "[\"user\"]" : null, admin);
        assertEquals(404, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"roles\":[\"admin\"]}", "[\"Bad Role\"]", "[null]", "[1]", "not json"})
    void badRolesBodyIs400(String body) {
        String username = accounts.createUser("badroles");
        Http.Reply reply = putRoles(username, body, admin);
        assertEquals(400, reply.status(), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=0", "?limit=1001", "?limit=abc", "?type=NOT_A_TYPE", "?offset=-1"})
    void badAuditOrListQueryIs400(String query) {
        String path = query.startsWith("?offset") ? "/api/admin/users" : "/api/admin/audit";
        Http.Reply reply = server.http().get(path + query, admin);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
    }

    @Test
    void disabledUserGetsTheSame401AsAWrongPasswordAndLosesEverySession() {
        String username = accounts.createUser("disabled");
        JsonObject tokens = accounts.login(username, Accounts.PASSWORD);
        Http.Reply wrong = accounts.tryLogin(username, "not the password at all");

        assertEquals(204, post("/api/admin/users/" + username + "/disable", admin).status());

        Http.Reply disabled = accounts.tryLogin(username, Accounts.PASSWORD);
        assertEquals(401, disabled.status());
        assertEquals(wrong.body(), disabled.body(), "a disabled user must look like a wrong password");
        assertEquals(401, me(tokens.getString("access_token")), "access token dies at once");
        assertEquals(401, refresh(tokens.getString("refresh_token")).status());
        assertFalse(server.http().get("/api/admin/users/" + username, admin).json().getBoolean("enabled"));

        assertEquals(204, post("/api/admin/users/" + username + "/enable", admin).status());
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status(), "enable restores login");
        assertEquals(401, refresh(tokens.getString("refresh_token")).status(), "but not the old sessions");
        assertEquals(401, me(tokens.getString("access_token")));
    }

    @Test
    void recreatedUserDoesNotReviveOldTokens() {
        String username = accounts.createUser("deleted");
        JsonObject tokens = accounts.login(username, Accounts.PASSWORD);
        String oldId = server.http().get("/api/admin/users/" + username, admin).json().getString("id");

        assertEquals(204, send("DELETE", "/api/admin/users/" + username, null, admin).status());
        assertEquals(404, server.http().get("/api/admin/users/" + username, admin).status());
        assertEquals(404, send("DELETE", "/api/admin/users/" + username, null, admin).status());
        assertEquals(401, me(tokens.getString("access_token")));
        assertEquals(401, accounts.tryLogin(username, Accounts.PASSWORD).status());

        assertEquals(201, server.http().postJson("/api/admin/users",
                Accounts.userJson(username, Accounts.PASSWORD, List.of()), admin).status());
        JsonObject fresh = accounts.login(username, Accounts.PASSWORD);
        assertNotEquals(oldId, JWT.decode(fresh.getString("access_token")).getSubject(), "a new sub");
        assertEquals(401, me(tokens.getString("access_token")), "old token stays dead");
        assertEquals(401, refresh(tokens.getString("refresh_token")).status(), "old refresh token stays dead");
        assertEquals(200, me(fresh.getString("access_token")));
    }

    // --- what works

    @Test
    void roleChangeKillsOldAccessTokensAndTheNextRefreshCarriesTheNewRoles() {
        String username = accounts.createUser("promoted");
        JsonObject tokens = accounts.login(username, Accounts.PASSWORD);
        assertEquals(Set.of("user"), groups(tokens.getString("access_token")));

        Http.Reply changed = putRoles(username, "[\"auditor\"]", admin);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(Set.of("auditor", "user"), changed.json().getJsonArray("roles").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).collect(Collectors.toSet()), "every user keeps 'user'");

        assertEquals(401, me(tokens.getString("access_token")), "old access token fails at once");
        Http.Reply refreshed = refresh(tokens.getString("refresh_token"));
        assertEquals(200, refreshed.status(), "the session itself lives on");
        String newAccess = refreshed.json().getString("access_token");
        assertEquals(Set.of("auditor", "user"), groups(newAccess));
        assertEquals(200, me(newAccess));
    }

    @Test
    void promotedUserCanUseTheAdminApiAfterRefresh() {
        String username = accounts.createUser("newadmin");
        JsonObject tokens = accounts.login(username, Accounts.PASSWORD);
        assertEquals(403, server.http().get("/api/admin/users", tokens.getString("access_token")).status());
        assertEquals(200, putRoles(username, "[\"admin\"]", admin).status());
        String access = refresh(tokens.getString("refresh_token")).json().getString("access_token");
        assertEquals(200, server.http().get("/api/admin/users", access).status());
    }

    @Test
    void unlockClearsALockout() {
        String username = accounts.createUser("locked");
        for (int i = 0; i < 5; i++) {
            accounts.tryLogin(username, "wrong password " + i);
        }
        Http.Reply locked = accounts.tryLogin(username, Accounts.PASSWORD);
        assertEquals(429, locked.status(), locked::toString);

        assertEquals(204, post("/api/admin/users/" + username + "/unlock", admin).status());
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
    }

    @Test
    void userListShowsUsersWithoutHashes() {
        String username = accounts.createUser("listed");
        Http.Reply reply = server.http().get("/api/admin/users?limit=1000", admin);
        assertEquals(200, reply.status());
        assertTrue(reply.jsonArray().stream().anyMatch(u -> u.asJsonObject().getString("username").equals(username)));
        assertFalse(reply.body().contains("argon2"), "never a hash");
        assertFalse(reply.body().contains("password"), "never a hash");
        assertEquals(1, server.http().get("/api/admin/users?limit=1", admin).jsonArray().size());
    }

    @Test
    void auditQueryIsNewestFirstFilteredAndLimited() {
        String username = accounts.createUser("audited");
        assertEquals(200, putRoles(username, "[\"auditor\"]", admin).status());
        assertEquals(204, post("/api/admin/users/" + username + "/disable", admin).status());
        assertEquals(204, send("DELETE", "/api/admin/users/" + username, null, admin).status());

        JsonArray events = audit("?username=" + username.toUpperCase());
        List<String> types = events.stream().map(e -> e.asJsonObject().getString("type")).toList();
        assertEquals(List.of("USER_DELETED", "USER_DISABLED", "ROLES_CHANGED", "USER_CREATED"), types);
        Instant previous = Instant.MAX;
        for (var event : events) {
            JsonObject e = event.asJsonObject();
            Instant time = Instant.parse(e.getString("time"));
            assertFalse(time.isAfter(previous), "newest first");
            previous = time;
            assertEquals(Set.of("time", "type", "username", "ip", "detail"), e.keySet());
        }
        assertEquals(List.of("ROLES_CHANGED"), audit("?username=" + username + "&type=ROLES_CHANGED").stream()
                .map(e -> e.asJsonObject().getString("type")).toList());
        assertEquals(2, audit("?username=" + username + "&limit=2").size());
        assertTrue(audit("?type=USER_CREATED&limit=1000").size() <= 1000);
    }

    @Test
    void noTokenWithTheOldRolesOutlivesARoleChangeThatRacesRefreshesAndLogins() throws Exception {
        String username = accounts.createUser("racing");
        int threads = 6;
        List<String> refreshTokens = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            refreshTokens.add(accounts.login(username, Accounts.PASSWORD).getString("refresh_token"));
        }
        List<String> issued = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String first = refreshTokens.get(i);
            boolean alsoLogin = i == 0;
            work.add(pool.submit(() -> {
                start.await();
                String token = first;
                for (int round = 0; round < 12; round++) {
                    Http.Reply reply = alsoLogin && round % 2 == 0 ? accounts.tryLogin(username, Accounts.PASSWORD)
                            : refresh(token);
                    assertEquals(200, reply.status(), reply::toString);
                    issued.add(reply.json().getString("access_token"));
                    token = alsoLogin && round % 2 == 0 ? token : reply.json().getString("refresh_token");
                }
                return null;
            }));
        }
        start.countDown();
        long deadline = System.currentTimeMillis() + 30_000;
        while (issued.size() < threads && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(200, putRoles(username, "[\"auditor\"]", admin).status());
        for (java.util.concurrent.Future<?> done : work) {
            done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        int oldRoles = 0;
        for (String token : issued) {
            if (groups(token).contains("auditor")) {
                assertEquals(200, me(token), "a token with the new roles works");
            } else {
                oldRoles++;
                assertEquals(401, me(token), "a token with the old roles is dead once the change has returned");
            }
        }
        assertTrue(issued.size() == threads * 12, "every request succeeded: " + issued.size());
        assertTrue(oldRoles > 0 && oldRoles < issued.size(), "the change fell inside the burst: " + oldRoles);
    }
}
