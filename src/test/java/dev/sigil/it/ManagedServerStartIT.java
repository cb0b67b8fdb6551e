package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failed start on a server the user manages (issue 9 #16): without {@code -Dsigil.exit-on-start-failure=true} the
 * process stays up and Sigil stays deployed but not ready, /health/ready names every problem and every API call is a
 * 503 problem document, never Payara's HTML 404.
 */
class ManagedServerStartIT {

    private static final String TTL_PROBLEM =
            "SIGIL_ACCESS_TOKEN_TTL is not an ISO-8601 duration such as PT5M or P14D: 'banana'";
    private static final String THRESHOLD_PROBLEM = "SIGIL_LOCKOUT_THRESHOLD must be between 1 and 1000, got 0";
    private static final String DATABASE_PROBLEM =
            "SIGIL_DB_URL jdbc:postgresql://127.0.0.1:1/nothing: the database server is unreachable: ";

    private static SigilServer badSettings;
    private static SigilServer noDatabase;

    @BeforeAll
    static void startBoth() {
        badSettings = SigilServer.dedicated("managed-bad-settings", Map.of(
                "SIGIL_ACCESS_TOKEN_TTL", "banana",
                "SIGIL_LOCKOUT_THRESHOLD", "0",
                "SIGIL_DB_URL", "jdbc:h2:mem:managed-bad-settings;DB_CLOSE_DELAY=-1")).asManagedServer();
        noDatabase = SigilServer.dedicated("managed-no-database", Map.of(
                "SIGIL_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource",
                "SIGIL_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing")).asManagedServer();
        badSettings.startNotReady();
        noDatabase.startNotReady();
    }

    @AfterAll
    static void stopBoth() {
        if (badSettings != null) {
            badSettings.stop();
        }
        if (noDatabase != null) {
            noDatabase.stop();
        }
    }

    @Test
    void apiCallsAnswer503ProblemDocumentsWhenTheSettingsAreBad() {
        assertEveryCallRefused(badSettings);
    }

    @Test
    void apiCallsAnswer503ProblemDocumentsWhenTheDatabaseIsUnreachable() {
        assertEveryCallRefused(noDatabase);
    }

    @Test
    void readinessIs503NamingEveryBadSetting() {
        List<String> problems = startProblems(badSettings);
        assertEquals(List.of(TTL_PROBLEM, THRESHOLD_PROBLEM), problems.stream().sorted().toList());
    }

    @Test
    void readinessIs503NamingSigilDbUrlAndTheCause() {
        List<String> problems = startProblems(noDatabase);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(DATABASE_PROBLEM), problems.get(0));
    }

    @Test
    void eachProblemIsLoggedOnceWithoutAStackTraceAndTheServerStaysUp() {
        assertLoggedOnce(badSettings, List.of(TTL_PROBLEM, THRESHOLD_PROBLEM));
        assertLoggedOnce(noDatabase, List.of(DATABASE_PROBLEM));
        for (SigilServer server : List.of(badSettings, noDatabase)) {
            assertTrue(server.isAlive(), "the process stays up; see " + server.log());
            assertEquals(200, server.http().get("/health/live").status());
            assertEquals(1, server.logLinesOfThisStart().stream()
                    .filter(line -> line.contains(SigilServer.NOT_READY_MARK)).count(), "see " + server.log());
            assertFalse(server.logOfThisStartContains(SigilServer.READY_MARK), "see " + server.log());
        }
    }

    /** The data of the readiness check "start", which must be DOWN in a 503 JSON answer. */
    private static List<String> startProblems(SigilServer server) {
        Http.Reply ready = server.http().get("/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertTrue(ready.contentType().startsWith("application/json"), ready.contentType());
        assertNoStackTrace(ready.body());
        JsonObject start = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("start")).findFirst().orElseThrow();
        assertEquals("DOWN", start.getString("status"));
        JsonObject data = start.getJsonObject("data");
        assertTrue(data.getString("remedy").contains("redeploy"), data.toString());
        return data.keySet().stream().filter(key -> key.startsWith("problem")).map(data::getString).toList();
    }

    private static void assertEveryCallRefused(SigilServer server) {
        List<Http.Reply> replies = List.of(
                server.http().get("/api/ping"),
                server.http().postJson("/api/auth/login", "{\"username\":\"admin\",\"password\":\"wrong password\"}"),
                server.http().get("/api/me", "not-a-token"),
                server.http().get("/no/such/path"));
        for (Http.Reply reply : replies) {
            assertEquals(503, reply.status(), reply.body());
            assertEquals("application/problem+json", reply.contentType());
            assertEquals("no-store", reply.header("Cache-Control").orElse(null));
            JsonObject problem = reply.json();
            assertEquals(503, problem.getInt("status"));
            assertEquals("Sigil did not start", problem.getString("title"));
            assertTrue(problem.getString("detail").contains("/health/ready"), problem.toString());
            assertTrue(problem.getString("detail").contains("redeploy"), problem.toString());
            assertNoStackTrace(reply.body());
        }
    }

    private static void assertLoggedOnce(SigilServer server, List<String> problems) {
        List<String> lines = server.logLinesOfThisStart();
        for (String problem : problems) {
            assertEquals(1, lines.stream().filter(line -> line.contains("Sigil cannot start: " + problem)).count(),
                    problem + "; see " + server.log());
        }
        assertEquals(problems.size(), lines.stream().filter(line -> line.contains("Sigil cannot start: ")).count(),
                "see " + server.log());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace; see " + server.log());
    }

    private static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains(".java:"), body);
    }
}
