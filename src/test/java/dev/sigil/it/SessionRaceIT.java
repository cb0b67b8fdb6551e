package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ending a session while a refresh of the same session is in flight, started at the same instant, many times over:
 * never a 5xx, and once the end answered 204, no refresh token of the session works, neither the presented one nor one
 * that the racing refresh returned, and no access token of the session either. The server runs the default embedded
 * database URL (so its lock timeout).
 */
class SessionRaceIT {

    private static final int ROUNDS = 30;

    private static SigilServer server;
    private static Accounts accounts;
    private static ExecutorService pool;

    @BeforeAll
    static void server() {
        server = SigilServer.shared("races", () -> Map.of("SIGIL_PURGE_INTERVAL", "PT24H"));
        accounts = new Accounts(server);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static Http.Reply refresh(String refreshToken) {
        return server.http().postJson("/api/auth/refresh",
                Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString());
    }

    private static String sid(JsonObject tokens) {
        return JWT.decode(tokens.getString("access_token")).getClaim("sid").asString();
    }

    private static String brief(Http.Reply reply) {
        return reply.status() == 200 ? "200" : reply.toString();
    }

    /** {@code end} ends the session of the tokens it is given, answering 204, while a refresh of it runs. */
    private static void raceWithRefresh(String prefix, Function<JsonObject, Http.Reply> end) throws Exception {
        raceWithRefresh(accounts.createUser(prefix), () -> Accounts.PASSWORD, tokens -> () -> end.apply(tokens));
    }

    /**
     * Each round logs in with the password {@code password} gives (it may prepare the account first), asks
     * {@code ender} for the call that ends that session (it may prepare, unraced), then starts that call and a refresh
     * of the session at once.
     */
    private static void raceWithRefresh(String username, Supplier<String> password,
            Function<JsonObject, Callable<Http.Reply>> ender) throws Exception {
        String prefix = username.substring(0, username.lastIndexOf('-'));
        int refreshWon = 0;
        for (int round = 0; round < ROUNDS; round++) {
            JsonObject tokens = accounts.login(username, password.get());
            Callable<Http.Reply> end = ender.apply(tokens);
            CountDownLatch start = new CountDownLatch(1);
            Future<Http.Reply> refreshing = pool.submit(() -> {
                start.await();
                return refresh(tokens.getString("refresh_token"));
            });
            Future<Http.Reply> ending = pool.submit(() -> {
                start.await();
                return end.call();
            });
            start.countDown();
            Http.Reply refreshed = refreshing.get();
            Http.Reply ended = ending.get();
            String where = "round " + round + ": refresh " + brief(refreshed) + ", end " + brief(ended);
            assertTrue(refreshed.status() == 200 || refreshed.status() == 401, where);
            assertEquals(204, ended.status(), where);

            List<String> refreshTokens = new ArrayList<>(List.of(tokens.getString("refresh_token")));
            List<String> accessTokens = new ArrayList<>(List.of(tokens.getString("access_token")));
            if (refreshed.status() == 200) {
                refreshWon++;
                refreshTokens.add(refreshed.json().getString("refresh_token"));
                accessTokens.add(refreshed.json().getString("access_token"));
            }
            for (String refreshToken : refreshTokens) {
                Http.Reply after = refresh(refreshToken);
                assertEquals(401, after.status(), where + ", then " + brief(after));
            }
            for (String accessToken : accessTokens) {
                assertEquals(401, server.http().get("/api/me", accessToken).status(), where);
            }
        }
        System.out.println(prefix + ": the refresh answered 200 in " + refreshWon + " of " + ROUNDS + " rounds");
    }

    @Test
    void logoutRacingARefreshOfTheSameSessionLeavesNoTokenOfItAlive() throws Exception {
        raceWithRefresh("race-logout", tokens ->
                server.http().postJson("/api/auth/logout", "", tokens.getString("access_token")));
    }

    @Test
    void logoutNamingItsRefreshTokenRacingARefreshLeavesNoTokenOfItAlive() throws Exception {
        raceWithRefresh("race-logout-token", tokens -> server.http().postJson("/api/auth/logout",
                Json.createObjectBuilder().add("refresh_token", tokens.getString("refresh_token")).build().toString(),
                tokens.getString("access_token")));
    }

    @Test
    void logoutAllRacingARefreshLeavesNoTokenOfTheSessionAlive() throws Exception {
        raceWithRefresh("race-logout-all", tokens ->
                server.http().postJson("/api/auth/logout-all", "", tokens.getString("access_token")));
    }

    @Test
    void passwordChangeRacingARefreshOfAnotherSessionLeavesNoTokenOfThatSessionAlive() throws Exception {
        String username = accounts.createUser("race-password");
        String[] current = {Accounts.PASSWORD};
        raceWithRefresh(username, () -> current[0], tokens -> {
            String caller = accounts.login(username, current[0]).getString("access_token");
            String next = Accounts.PASSWORD + " " + Accounts.uniqueName("v");
            String body = Json.createObjectBuilder().add("current_password", current[0]).add("new_password", next)
                    .build().toString();
            current[0] = next;
            return () -> server.http().postJson("/api/auth/password", body, caller);
        });
    }

    @Test
    void disableRacingARefreshLeavesNoTokenOfTheSessionAlive() throws Exception {
        String username = accounts.createUser("race-disable");
        String admin = accounts.adminToken();
        Supplier<String> enabledAgain = () -> {
            Http.Reply enabled = server.http().postJson("/api/admin/users/" + username + "/enable", "", admin);
            assertEquals(204, enabled.status(), enabled::toString);
            return Accounts.PASSWORD;
        };
        raceWithRefresh(username, enabledAgain,
                tokens -> () -> server.http().postJson("/api/admin/users/" + username + "/disable", "", admin));
    }

    @Test
    void sessionDeleteRacingARefreshLeavesNoTokenOfItAlive() throws Exception {
        raceWithRefresh("race-delete", tokens -> server.http().send("DELETE", "/api/auth/sessions/" + sid(tokens),
                null, tokens.getString("access_token")));
    }
}
