package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9 items 1, 2 and 6 on H2 and PostgreSQL: however many attempts on one name arrive at once, at most
 * SIGIL_LOCKOUT_THRESHOLD (3 here) are judged per lock period, the others get 429 + Retry-After; a right guess among
 * them does not buy the others more; wrong current passwords on a password change count toward the same lock; and no
 * login name, however long or odd, gets a 5xx. (PostgreSQL: the one of {@link TestPostgres}, local or embedded.)
 */
class LockoutRaceIT {

    private static final int THRESHOLD = 3;
    private static final int BURST = 16;
    private static final int ROUNDS = 4;

    private static final Map<String, SigilServer> SERVERS = new TreeMap<>();
    private static TestPostgres.Database postgres;

    @BeforeAll
    static void servers() {
        // A long queue wait: on a loaded machine the hash bulkhead (HashBulkheadIT) must not turn a judgment into a 503.
        Map<String, String> lockout = Map.of("SIGIL_LOCKOUT_THRESHOLD", Integer.toString(THRESHOLD),
                "SIGIL_LOCKOUT_DURATION", "PT1H", "SIGIL_HASH_QUEUE_WAIT", "PT60S");
        Map<String, String> h2 = new java.util.HashMap<>(lockout);
        h2.put("SIGIL_DB_URL", "jdbc:h2:file:" + SigilServer.dirOf("lockout-h2").resolve("db/sigil"));
        SERVERS.put("H2", SigilServer.dedicated("lockout-h2", h2).start());
        postgres = TestPostgres.create("sigil_lock");
        Map<String, String> pg = new java.util.HashMap<>(lockout);
        pg.putAll(postgres.sigilEnv());
        SERVERS.put("PostgreSQL", SigilServer.dedicated("lockout-pg", pg).start());
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(SigilServer::stop);
        if (postgres != null) {
            postgres.drop();
        }
    }

    static Stream<String> databases() {
        return SERVERS.keySet().stream();
    }

    private static long countStatus(List<Http.Reply> replies, int status) {
        return replies.stream().filter(reply -> reply.status() == status).count();
    }

    /** Every reply is one of {@code allowed}; every 429 has Retry-After and a problem body. */
    private static void assertOnly(List<Http.Reply> replies, Integer... allowed) {
        for (Http.Reply reply : replies) {
            assertTrue(List.of(allowed).contains(reply.status()), reply::toString);
            if (reply.status() == 429) {
                assertTrue(Long.parseLong(reply.header("Retry-After").orElseThrow()) > 0, reply::toString);
                assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void parallelWrongPasswordsAreJudgedAtMostThresholdTimes(String database) throws Exception {
        SigilServer server = SERVERS.get(database);
        Accounts accounts = new Accounts(server);
        for (int round = 0; round < ROUNDS; round++) {
            // Existing users and unknown names (whose row does not exist yet: the insert race) alike.
            String username = round % 2 == 0 ? accounts.createUser("race") : Accounts.uniqueName("ghost");
            List<Http.Reply> replies = Burst.of(BURST, n -> accounts.tryLogin(username, "wrong guess " + n));
            assertOnly(replies, 401, 429);
            assertEquals(THRESHOLD, countStatus(replies, 401), database + " round " + round + ": judged");
            assertEquals(429, accounts.tryLogin(username, Accounts.PASSWORD).status(), "still locked");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRightGuessInTheBurstDoesNotLetMoreThanThresholdBeJudged(String database) throws Exception {
        SigilServer server = SERVERS.get(database);
        Accounts accounts = new Accounts(server);
        for (int round = 0; round < ROUNDS; round++) {
            String username = accounts.createUser("rightguess");
            int right = round % 3;
            List<Http.Reply> replies = Burst.of(BURST, n ->
                    accounts.tryLogin(username, n == right ? Accounts.PASSWORD : "wrong guess " + n));
            assertOnly(replies, 200, 401, 429);
            long judged = countStatus(replies, 200) + countStatus(replies, 401);
            assertTrue(judged <= THRESHOLD, database + " round " + round + ": " + judged + " judged");
            assertTrue(countStatus(replies, 429) >= BURST - THRESHOLD, database + " round " + round);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void parallelRightLoginsNeverLockTheName(String database) throws Exception {
        SigilServer server = SERVERS.get(database);
        Accounts accounts = new Accounts(server);
        String username = accounts.createUser("crowd");
        List<Http.Reply> replies = Burst.of(BURST, n -> accounts.tryLogin(username, Accounts.PASSWORD));
        assertOnly(replies, 200, 429);
        // At most THRESHOLD at once; more in all when some finish before the others arrive.
        assertTrue(countStatus(replies, 200) >= 1, database);
        replies.stream().filter(reply -> reply.status() == 429).forEach(reply ->
                assertEquals("1", reply.header("Retry-After").orElseThrow(), "in flight, not locked: " + reply));
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status(), database + ": not locked");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wrongCurrentPasswordsCountTowardTheLockAndAreAudited(String database) throws Exception {
        SigilServer server = SERVERS.get(database);
        Accounts accounts = new Accounts(server);
        String username = accounts.createUser("change");
        String token = accounts.accessToken(username);
        IntFunction<Http.Reply> wrongChange = n -> server.http().postJson("/api/auth/password",
                Json.createObjectBuilder().add("current_password", "not my password " + n)
                        .add("new_password", "a brand new password").build().toString(), token);
        List<Http.Reply> replies = Burst.of(BURST, wrongChange);
        assertOnly(replies, 401, 429);
        assertEquals(THRESHOLD, countStatus(replies, 401), database + ": judged");
        Http.Reply locked = wrongChange.apply(99);
        assertEquals(429, locked.status(), locked::toString);
        assertTrue(locked.header("Retry-After").isPresent());
        assertEquals(429, accounts.tryLogin(username, Accounts.PASSWORD).status(), "the login name is locked too");
        String admin = new Accounts(server).adminToken();
        var failures = server.http().get("/api/admin/audit?type=LOGIN_FAILURE&username=" + username, admin).jsonArray();
        assertEquals(THRESHOLD, failures.size(), failures::toString);
        assertTrue(failures.getJsonObject(0).getString("detail").contains("password change"), failures::toString);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void overLongOrOddNamesAre400NeverA5xx(String database) {
        SigilServer server = SERVERS.get(database);
        List<String> refused = List.of("İ".repeat(200), "İ".repeat(129), "a".repeat(257), "ß".repeat(256) + "x",
                "nul\u0000name", "tab\tname", "lone\uD800surrogate", "\uDC00", "e\u0301".repeat(200));
        for (String name : refused) {
            Http.Reply reply = server.http().postJson("/api/auth/login", loginJson(name));
            assertEquals(400, reply.status(), () -> database + " " + name.length() + " chars: " + reply);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
            assertEquals("invalid_request", reply.json().getString("error"));
        }
        // Long but within the bound, non-ASCII, or normalizing to a short key: an ordinary wrong login.
        List<String> judged = List.of("İ".repeat(128), "a".repeat(256), "ǅǆǄ", "\uD83D\uDE00".repeat(128),
                "e\u0301".repeat(128), "Ⅻ", "ﬃ");
        for (String name : judged) {
            Http.Reply reply = server.http().postJson("/api/auth/login", loginJson(name));
            assertEquals(401, reply.status(), () -> database + " " + name.length() + " chars: " + reply);
        }
    }

    /** Every non-ASCII character escaped, so that a lone surrogate reaches the server as JSON says, not as '?'. */
    private static String loginJson(String username) {
        StringBuilder json = new StringBuilder("{\"username\":\"");
        for (char c : username.toCharArray()) {
            json.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : c);
        }
        return json.append("\",\"password\":\"some password\"}").toString();
    }
}
