package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The error rules of SPEC §4: every error is JSON, never HTML, never a stack trace. */
class ErrorResponsesIT {

    private static SigilServer server;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
    }

    private static void assertProblem(Http.Reply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(status, reply.json().getInt("status"));
        assertFalse(reply.body().contains("<html"), reply::toString);
        assertFalse(reply.body().contains("Exception"), reply::toString);
        assertFalse(reply.body().contains("\tat "), reply::toString);
    }

    @Test
    void unknownPathIs404Json() {
        assertProblem(server.http().get("/no/such/path"), 404);
        assertProblem(server.http().get("/api/nothing-here"), 404);
    }

    @Test
    void wrongMethodIs405JsonWithAllow() {
        Http.Reply reply = server.http().send(server.http().request("/api/auth/login").GET());
        assertProblem(reply, 405);
        assertTrue(reply.header("Allow").orElse("").contains("POST"), reply::toString);
        assertProblem(server.http().send(server.http().request("/api/me").DELETE()), 405);
    }

    @Test
    void wrongContentTypeIs415Json() {
        assertProblem(server.http().send(server.http().request("/api/auth/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415);
    }

    @Test
    void bodyOver64KibibytesIs413Json() {
        String big = "{\"username\":\"" + "a".repeat(64 * 1024) + "\",\"password\":\"x\"}";
        assertProblem(server.http().postJson("/api/auth/login", big), 413);
    }

    @Test
    void chunkedBodyOver64KibibytesIs413Json() {
        byte[] big = ("{\"username\":\"" + "a".repeat(64 * 1024) + "\",\"password\":\"x\"}").getBytes();
        // An InputStream publisher has no known length: the client sends it chunked.
        Http.Reply reply = server.http().send(server.http().request("/api/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertProblem(reply, 413);
    }

    @Test
    void bodyJustUnder64KibibytesIsRead() {
        // Read in full: the unknown padding member is what gets refused, not the size.
        String body = "{\"username\":\"someone\",\"password\":\"x\",\"pad\":\"" + "a".repeat(60 * 1024) + "\"}";
        Http.Reply reply = server.http().postJson("/api/auth/login", body);
        assertProblem(reply, 400);
        assertTrue(reply.json().getString("detail").contains("pad"), reply::toString);
    }

    @Test
    void malformedJsonIs400Json() {
        Http.Reply reply = server.http().postJson("/api/auth/login", "{\"username\":");
        assertProblem(reply, 400);
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void absurdHeadersGetJsonAnswers() {
        Http.Reply reply = server.http().send(server.http().request("/api/ping")
                .header("X-Absurd", "x".repeat(60 * 1024)).GET());
        assertEquals(200, reply.status(), reply::toString);
        assertProblem(server.http().send(server.http().request("/api/me")
                .header("Authorization", "Bearer " + "x".repeat(100 * 1024)).GET()), 401);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/%2e%2e/%2e%2e/etc/passwd", "/api/me%00"})
    void pathsRefusedByTheHttpLayerGetAnEmpty400NotAnHtmlPage(String path) {
        // Grizzly refuses encoded dot segments and NUL itself, before any application code: a bare 400. Undertow
        // (WildFly) passes them on, and no resource has such a path: Sigil's 404.
        Http.Reply reply = server.http().get(path);
        if (SigilServer.ON_WILDFLY) {
            assertProblem(reply, 404);
            return;
        }
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("", reply.body());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/%ZZ", "/api/%", "/api/me%4", "/health/%zz?x=1", "/%ZZ"})
    void brokenPercentEscapeInThePathIs400JsonAndLogsNothing(String path) {
        // Payara decodes the path before any application code; it used to answer 200 with an empty body and log a
        // SEVERE stack trace from Grizzly's URLDecoder (payara/Payara#8000).
        int logged = server.logLinesOfThisStart().size();
        String raw = RawHttp.exchange(server.base(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 400 Bad Request", RawHttp.statusLine(raw), raw);
        if (SigilServer.ON_WILDFLY) {
            // Undertow refuses the request line itself, before any application code: a bare 400, never a page.
            assertEquals("", RawHttp.body(raw), raw);
        } else {
            assertPercentEscapeProblem(raw);
        }
        assertEquals(200, server.http().get("/api/ping").status());
        List<String> since = server.logLinesOfThisStart();
        since = since.subList(Math.min(logged, since.size()), since.size());
        assertTrue(since.stream().noneMatch(line -> line.contains("SEVERE") || line.contains("URLDecoder")
                || line.startsWith("\tat ")), String.join("\n", since));
    }

    private static void assertPercentEscapeProblem(String raw) {
        assertTrue(raw.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), raw);
        JsonObject problem = Json.createReader(new StringReader(RawHttp.body(raw))).readObject();
        assertEquals(400, problem.getInt("status"), raw);
        assertEquals("invalid_request", problem.getString("error"), raw);
        assertFalse(raw.contains("Exception"), raw);
    }

    @Test
    void lockoutAnswersWithTheReasonPhraseTooManyRequests() {
        String username = Accounts.uniqueName("phrase");
        Http.Reply reply = null;
        for (int attempt = 0; attempt < 20 && (reply == null || reply.status() != 429); attempt++) {
            reply = new Accounts(server).tryLogin(username, "wrong password");
        }
        assertEquals(429, reply.status(), reply::toString);
        String raw = RawHttp.exchange(server.base(), RawHttp.post("/api/auth/login", "localhost", "application/json",
                Accounts.loginJson(username, "wrong password")));
        assertEquals("HTTP/1.1 429 Too Many Requests", RawHttp.statusLine(raw), raw);
    }

    @Test
    void contentLengthBeyondAnIntIs413() {
        String raw = RawHttp.exchange(server.base(), "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n{}");
        if (SigilServer.ON_WILDFLY) {
            // Undertow refuses a Content-Length it cannot parse before any application code: a bare 400.
            assertEquals("HTTP/1.1 400 Bad Request", RawHttp.statusLine(raw), raw);
            assertEquals("", RawHttp.body(raw), raw);
            return;
        }
        assertEquals("HTTP/1.1 413 Request Entity Too Large", RawHttp.statusLine(raw), raw);
        assertTrue(raw.contains("application/problem+json"), raw);
    }

    @Test
    void noWadlIsPublished() {
        assertProblem(server.http().get("/application.wadl"), 404);
        Http.Reply options = server.http().send(server.http().request("/api/ping")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertFalse(options.contentType().contains("wadl"), options::toString);
        assertFalse(options.body().contains("Jersey"), options::toString);
    }

    @Test
    void metricsAreNotPublic() {
        // Payara answers a disabled metrics service with 403; WildFly has no MicroProfile Metrics: Sigil's 404.
        Http.Reply reply = server.http().get("/metrics");
        assertProblem(reply, SigilServer.ON_WILDFLY ? 404 : 403);
        assertFalse(reply.body().contains("jvm"), reply::toString);
    }
}
