package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sigil on PostgreSQL: the Flyway migrations, row locks, rotation under concurrency, revocation and generated keys
 * across a restart. Runs on the PostgreSQL of {@link TestPostgres} (the local one, or an embedded one when none
 * answers), in a database of its own that it drops afterwards.
 */
class PostgresIT {

    private static TestPostgres.Database database;
    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void database() {
        database = TestPostgres.create("sigil_it");
        Map<String, String> env = new HashMap<>(database.sigilEnv());
        env.put("SIGIL_REFRESH_REUSE_GRACE", "PT2S");
        // A rotated-in key signs 3 s after it is published (instead of 6 min), so the restart test sees it sign.
        env.put("SIGIL_JWKS_MAX_AGE", "PT1S");
        env.put("SIGIL_KEY_ACTIVATION_DELAY", "PT3S");
        server = SigilServer.dedicated("postgres", env);
        server.start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void dropDatabase() {
        if (server != null) {
            server.stop();
        }
        database.drop();
    }

    private static long count(String sql, String... parameters) throws SQLException {
        try (Connection db = database.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Http.Reply refresh(String token) {
        return server.http().postJson("/api/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }

    private static int me(String accessToken) {
        return server.http().get("/api/me", accessToken).status();
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
    }

    @Test
    void migrationsRanAndHealthChecksTheDatabase() throws Exception {
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertEquals(migrations, count("SELECT COUNT(*) FROM flyway_schema_history WHERE success"));
        assertTrue(server.http().get("/health/ready").body().contains("\"migrated\":\"true\""));
    }

    @Test
    void reuseAfterTheGraceRevokesTheSessionOnPostgres() throws Exception {
        String username = accounts.createUser("pg-reuse");
        JsonObject first = accounts.login(username, Accounts.PASSWORD);
        JsonObject second = refresh(first.getString("refresh_token")).json();
        Thread.sleep(2300);
        assertEquals(401, refresh(first.getString("refresh_token")).status());
        assertEquals(401, refresh(second.getString("refresh_token")).status());
        assertEquals(401, me(second.getString("access_token")));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'REFRESH_REUSE_DETECTED' AND username = ?",
                username));
    }

    @Test
    void twentyConcurrentRefreshesLeaveOneLiveTokenWithoutA5xx() throws Exception {
        String username = accounts.createUser("pg-burst");
        String token = accounts.login(username, Accounts.PASSWORD).getString("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return refresh(token).status();
            }));
        }
        start.countDown();
        for (Future<Integer> reply : replies) {
            assertEquals(200, reply.get(60, TimeUnit.SECONDS), "inside the grace every refresh succeeds");
        }
        pool.shutdown();
        String sid = JWT.decode(accounts.login(username, Accounts.PASSWORD).getString("access_token")).getClaim("sid")
                .asString();
        assertNotEquals(null, sid);
        assertEquals(1, count("SELECT COUNT(*) FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
                + "JOIN users u ON u.id = s.user_id WHERE u.username = ? AND r.spent_at IS NULL AND s.id <> ?",
                username, sid), "exactly one live chain in the burst's session");
        assertEquals(0, count("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = ? AND spent_at IS NULL",
                sha256(token)));
    }

    @Test
    void unknownUsernamesLockOnPostgres() {
        String username = Accounts.uniqueName("pg-nobody");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, accounts.tryLogin(username, "guess " + i).status());
        }
        Http.Reply locked = accounts.tryLogin(username, "guess 6");
        assertEquals(429, locked.status());
        assertTrue(locked.header("Retry-After").isPresent());
    }

    @Test
    void revocationsAndRotatedKeysSurviveARestart() throws Exception {
        String admin = accounts.adminToken();
        String username = accounts.createUser("pg-restart");
        JsonObject loggedOut = accounts.login(username, Accounts.PASSWORD);
        JsonObject kept = accounts.login(username, Accounts.PASSWORD);
        assertEquals(204, server.http().postJson("/api/auth/logout", "", loggedOut.getString("access_token")).status());
        assertEquals(200, server.http().send("PUT", "/api/admin/users/" + username + "/roles", "[\"auditor\"]", admin)
                .status());
        assertEquals(401, me(kept.getString("access_token")), "role change: old token refused");
        JsonObject rotation = server.http().postJson("/api/admin/keys/rotate", "", admin).json();
        String rotatedKid = rotation.getString("kid");
        String afterRotation = accounts.accessToken(username);

        server.stop();
        server.start();
        // The restart outlasts the 3 s activation delay: the rotated-in key, read back from the database, signs.
        Instant activatesAt = Instant.parse(rotation.getString("activates_at"));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), activatesAt).toMillis() + 200));

        assertEquals(401, me(loggedOut.getString("access_token")), "a logged-out session stays revoked after a restart");
        assertEquals(401, me(kept.getString("access_token")), "the revocation point is reloaded");
        assertEquals(200, me(afterRotation));
        assertEquals(rotatedKid, JWT.decode(accounts.accessToken(username)).getKeyId());
        assertEquals(200, me(admin), "tokens of the retired key stay valid until they expire");
    }

    @Test
    void secondNodeAcceptsTheFirstNodesTokensAndPicksUpARotationWithin10Seconds() throws Exception {
        Map<String, String> env = new HashMap<>(database.sigilEnv());
        env.put("SIGIL_ISSUER", server.issuer());
        SigilServer nodeB = SigilServer.dedicated("postgres-b", env);
        try {
            nodeB.start();
            String admin = accounts.adminToken();
            assertEquals(200, nodeB.http().get("/api/me", admin).status(), "a token from node A works on node B");

            String newKid = server.http().postJson("/api/admin/keys/rotate", "", admin).json().getString("kid");
            String signedByNewKey = accounts.adminToken();
            long deadline = System.currentTimeMillis() + 15_000;
            while (!nodeB.http().get("/.well-known/jwks.json").body().contains(newKid)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertTrue(nodeB.http().get("/.well-known/jwks.json").body().contains(newKid), "node B publishes the new key");
            assertEquals(200, nodeB.http().get("/api/me", signedByNewKey).status(), "and accepts its tokens");
            assertEquals(200, nodeB.http().get("/api/me", admin).status(), "and still the old key's");
        } finally {
            nodeB.stop();
        }
    }
}
