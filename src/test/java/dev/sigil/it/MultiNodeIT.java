package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.auth0.jwt.JWT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL (SPEC §6, issue 10): what one node decides, the other sees. Every change the bearer
 * filter must know is made on node A and checked on node B against SPEC's 2-second bound; the listener's connection is
 * cut, every database connection is cut, and a node is restarted, and B still refuses what A revoked meanwhile.
 */
class MultiNodeIT {

    /** SPEC §6: a change on one node takes effect on every node within 2 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final List<Long> PROPAGATION_MILLIS = Collections.synchronizedList(new ArrayList<>());

    private static TwoNodes nodes;
    private static Accounts onA;
    private static Accounts onB;

    @BeforeAll
    static void start() {
        // A rotated-in key signs 3 s after the rotation (JWKS max-age 1 s): short enough to wait for.
        nodes = TwoNodes.start("nodes", Map.of("SIGIL_LOCKOUT_THRESHOLD", "3",
                "SIGIL_JWKS_MAX_AGE", "PT1S", "SIGIL_KEY_ACTIVATION_DELAY", "PT3S"));
        onA = new Accounts(nodes.a);
        onB = new Accounts(nodes.b);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
        List<Long> sorted = new ArrayList<>(PROPAGATION_MILLIS);
        Collections.sort(sorted);
        if (!sorted.isEmpty()) {
            System.out.println("MultiNodeIT: A→B propagation over " + sorted.size() + " changes: median "
                    + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms");
        }
    }

    // ---- what the database decides, across nodes

    @Test
    void aTokenIssuedOnAVerifiesOnBAndARefreshOnBContinuesTheSession() {
        String username = onA.createUser("across");
        JsonObject login = onA.login(username, Accounts.PASSWORD);
        assertEquals(200, nodes.b.http().get("/api/me", login.getString("access_token")).status());

        Http.Reply refreshed = refresh(nodes.b, login.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(sid(login.getString("access_token")), sid(refreshed.json().getString("access_token")));
        assertEquals(200, nodes.a.http().get("/api/me", refreshed.json().getString("access_token")).status());
    }

    @Test
    void theSecondUseOnBOfATokenRotatedOnAIsReuseAndKillsTheFamilyOnBothNodes() throws Exception {
        String username = onA.createUser("reuse");
        JsonObject login = onA.login(username, Accounts.PASSWORD);
        String first = login.getString("refresh_token");
        JsonObject second = refresh(nodes.a, first).json();
        JsonObject third = refresh(nodes.b, second.getString("refresh_token")).json();
        String liveAccess = third.getString("access_token");
        assertEquals(200, nodes.a.http().get("/api/me", liveAccess).status());

        // `first` was rotated on A and its successor used on B: presenting it again is reuse, whatever the grace.
        Http.Reply reused = refresh(nodes.b, first);
        assertEquals(401, reused.status(), reused::toString);
        assertEquals(401, refresh(nodes.a, third.getString("refresh_token")).status());
        awaitRefused(nodes.a, liveAccess);
        awaitRefused(nodes.b, liveAccess);
    }

    @Test
    void lockoutCountsAreShared() {
        String username = onA.createUser("lock");
        assertEquals(401, onA.tryLogin(username, "wrong password 1").status());
        assertEquals(401, onB.tryLogin(username, "wrong password 2").status());
        assertEquals(401, onA.tryLogin(username, "wrong password 3").status());
        Http.Reply locked = onB.tryLogin(username, Accounts.PASSWORD);
        assertEquals(429, locked.status(), locked::toString);
        assertTrue(locked.header("Retry-After").isPresent());
    }

    @Test
    void aLoginOnBRightAfterALogoutAllOnAIsAcceptedByBothNodes() throws Exception {
        String username = onA.createUser("same-second");
        for (int round = 0; round < 5; round++) {
            String token = onA.accessToken(username);
            assertEquals(204, nodes.a.http().send("POST", "/api/auth/logout-all", null, token).status());
            String fresh = onB.accessToken(username);
            awaitRefused(nodes.b, token);
            Thread.sleep(200);
            assertEquals(200, nodes.a.http().get("/api/me", fresh).status(), "round " + round + " on A");
            assertEquals(200, nodes.b.http().get("/api/me", fresh).status(), "round " + round + " on B");
        }
    }

    // ---- every change the bearer filter must see, made on A, refused on B

    @Test
    void logoutOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> assertEquals(204,
                nodes.a.http().send("POST", "/api/auth/logout", null, token).status()));
    }

    @Test
    void logoutAllOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> assertEquals(204,
                nodes.a.http().send("POST", "/api/auth/logout-all", null, token).status()));
    }

    @Test
    void sessionDeletedOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> {
            String other = onA.accessToken(username);
            assertEquals(204, nodes.a.http().send("DELETE", "/api/auth/sessions/" + sid(token), null, other).status());
        });
    }

    @Test
    void passwordChangeOnAEndsTheOtherSessionsOnB() throws Exception {
        revokedOnA((username, token) -> {
            String caller = onA.accessToken(username);
            Http.Reply changed = nodes.a.http().postJson("/api/auth/password",
                    "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"another horse battery\"}",
                    caller);
            assertEquals(204, changed.status(), changed::toString);
        });
    }

    @Test
    void disableOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> assertEquals(204, nodes.a.http()
                .send("POST", "/api/admin/users/" + username + "/disable", null, onA.adminToken()).status()));
    }

    @Test
    void deleteOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> assertEquals(204, nodes.a.http()
                .send("DELETE", "/api/admin/users/" + username, null, onA.adminToken()).status()));
    }

    @Test
    void roleChangeOnAIsRefusedOnB() throws Exception {
        revokedOnA((username, token) -> assertEquals(200, nodes.a.http()
                .send("PUT", "/api/admin/users/" + username + "/roles", "[\"auditor\"]", onA.adminToken()).status()));
    }

    @Test
    void aKeyRotatedOnAIsPublishedByBAtOnceAndBothNodesSignWithItFromItsActivation() throws Exception {
        String username = onA.createUser("rotate");
        String before = onA.accessToken(username);
        Http.Reply rotated = nodes.a.http().send("POST", "/api/admin/keys/rotate", null, onA.adminToken());
        assertEquals(200, rotated.status(), rotated::toString);
        String kid = rotated.json().getString("kid");
        long started = System.nanoTime();
        awaitPublished(nodes.b, kid, true);
        PROPAGATION_MILLIS.add((System.nanoTime() - started) / 1_000_000);

        // B switches at the activation instant read from the database, with no further notice.
        Instant activatesAt = Instant.parse(rotated.json().getString("activates_at"));
        while (!Instant.now().isAfter(activatesAt.plusMillis(500))) {
            Thread.sleep(50);
        }
        String fromB = onB.accessToken(username);
        assertEquals(kid, JWT.decode(fromB).getKeyId(), "B signs with the new key");
        assertEquals(kid, JWT.decode(onA.accessToken(username)).getKeyId(), "A signs with the new key");
        assertEquals(200, nodes.a.http().get("/api/me", fromB).status());
        assertEquals(200, nodes.b.http().get("/api/me", before).status(), "the retired key still verifies");
    }

    @Test
    void aKeyWithdrawnOnAByAnImmediateRotationIsRefusedOnB() throws Exception {
        String username = onA.createUser("compromised");
        String before = onB.accessToken(username);
        String oldKid = JWT.decode(before).getKeyId();
        Http.Reply rotated = nodes.a.http().postJson("/api/admin/keys/rotate", "{\"immediate\":true}", onA.adminToken());
        assertEquals(200, rotated.status(), rotated::toString);
        String kid = rotated.json().getString("kid");
        long started = System.nanoTime();
        awaitStatus(nodes.b, before, 401);
        PROPAGATION_MILLIS.add((System.nanoTime() - started) / 1_000_000);
        awaitPublished(nodes.b, oldKid, false);
        String fromB = onB.accessToken(username);
        assertEquals(kid, JWT.decode(fromB).getKeyId(), "B signs with the new key at once");
        assertEquals(200, nodes.a.http().get("/api/me", fromB).status());
    }

    private static void awaitPublished(SigilServer node, String kid, boolean published) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (node.http().get("/.well-known/jwks.json").body().contains(kid) != published) {
            if (System.nanoTime() > deadline) {
                fail("the JWKS of " + node.base() + (published ? " lacks " : " still holds ") + kid + " " + DEADLINE
                        + " after the rotation");
            }
            Thread.sleep(10);
        }
    }

    // ---- connections and nodes that go away

    @Test
    void whenItsListenerConnectionIsCutBReconnectsCatchesUpAndKeepsRefusing() throws Exception {
        String username = onA.createUser("cut");
        String token = onB.accessToken(username);
        assertEquals(200, nodes.b.http().get("/api/me", token).status());
        assertTrue(terminateListenerOf(nodes.b) >= 1, "B's listener connection was found and cut");
        assertEquals(204, nodes.a.http().send("POST", "/api/auth/logout-all", null, onA.accessToken(username)).status());
        awaitRefused(nodes.b, token);
        awaitListening(nodes.b);
        assertTrue(nodes.b.logContains("Change listener connected after"), "B logs its reconnection and catch-up");
        assertEquals(401, nodes.b.http().get("/api/me", token).status());
        // and pushes work again after the reconnection
        revokedOnA((name, fresh) -> assertEquals(204,
                nodes.a.http().send("POST", "/api/auth/logout", null, fresh).status()));
    }

    @Test
    void afterEveryDatabaseConnectionIsCutBothNodesRecoverAndPushesResume() throws Exception {
        String username = onA.createUser("outage");
        String token = onB.accessToken(username);
        assertTrue(nodes.database.terminateBackends() >= 2);
        awaitReady(nodes.a);
        awaitReady(nodes.b);
        Http.Reply logout = nodes.a.http().send("POST", "/api/auth/logout-all", null, onA.accessToken(username));
        assertEquals(204, logout.status(), logout::toString);
        awaitRefused(nodes.b, token);
        awaitListening(nodes.b);
        awaitListening(nodes.a);
        revokedOnA((name, fresh) -> assertEquals(204,
                nodes.a.http().send("POST", "/api/auth/logout", null, fresh).status()));
    }

    @Test
    void aRestartedNodeRefusesWhatWasRevokedWhileItWasDown() throws Exception {
        String username = onA.createUser("restart");
        String token = onB.accessToken(username);
        nodes.b.stop();
        assertEquals(204, nodes.a.http().send("POST", "/api/auth/logout-all", null, onA.accessToken(username)).status());
        nodes.b.start();
        assertEquals(401, nodes.b.http().get("/api/me", token).status());
        revokedOnA((name, fresh) -> assertEquals(204,
                nodes.a.http().send("POST", "/api/auth/logout", null, fresh).status()));
    }

    // ---- helpers

    /** A user logs in on B; {@code change} (made on A) must get that token refused on B within the deadline. */
    private static void revokedOnA(BiConsumer<String, String> change) throws Exception {
        String username = onA.createUser("push");
        String token = onB.accessToken(username);
        assertEquals(200, nodes.b.http().get("/api/me", token).status(), "B accepts the token before the change");
        long started = System.nanoTime();
        change.accept(username, token);
        awaitRefused(nodes.b, token);
        PROPAGATION_MILLIS.add((System.nanoTime() - started) / 1_000_000);
    }

    private static void awaitRefused(SigilServer node, String token) throws InterruptedException {
        awaitStatus(node, token, 401);
    }

    private static void awaitStatus(SigilServer node, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int status;
        do {
            status = node.http().get("/api/me", token).status();
            if (status == expected) {
                return;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        fail("GET /api/me on " + node.base() + " answered " + status + ", not " + expected + ", " + DEADLINE
                + " after the change");
    }

    private static void awaitReady(SigilServer node) throws InterruptedException {
        awaitHealth(node, reply -> reply.status() == 200, "not ready again 30 s after the connections were cut");
    }

    private static void awaitListening(SigilServer node) throws InterruptedException {
        awaitHealth(node, reply -> reply.body().contains("\"state\":\"listening\""), "listener not connected again");
    }

    /** Polls the node's /health/ready for up to 30 s until {@code done} holds; fails with the last answer. */
    private static void awaitHealth(SigilServer node, java.util.function.Predicate<Http.Reply> done, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Http.Reply health;
        do {
            health = node.http().get("/health/ready");
            if (done.test(health)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        fail(node.base() + " " + failure + ": " + health.body());
    }

    /** Cuts the node's listener connection, found by its application name, which ends with the node's port. */
    private static int terminateListenerOf(SigilServer node) throws Exception {
        try (Connection admin = TestPostgres.admin(); PreparedStatement statement = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?"
                        + " AND application_name LIKE 'sigil-listener %' AND application_name LIKE ?")) {
            statement.setString(1, nodes.database.name());
            statement.setString(2, "%:" + node.base().getPort());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Http.Reply refresh(SigilServer node, String refreshToken) {
        return node.http().postJson("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private static String sid(String accessToken) {
        return JWT.decode(accessToken).getClaim("sid").asString();
    }
}
