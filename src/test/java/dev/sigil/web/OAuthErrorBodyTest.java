package dev.sigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuthErrorBodyTest {

    private static JsonObject body(ProblemDetail problem) {
        return Json.createReader(new StringReader(OAuthErrorBody.toJson(problem))).readObject();
    }

    @Test
    void onlyPathsUnderOauth2AreRenderedTheOAuthWay() {
        assertTrue(OAuthErrorBody.appliesTo("/oauth2/token"));
        assertTrue(OAuthErrorBody.appliesTo("/oauth2/nothing-here"));
        assertTrue(OAuthErrorBody.appliesTo("/oauth2"));
        assertFalse(OAuthErrorBody.appliesTo("/oauth2x/token"));
        assertFalse(OAuthErrorBody.appliesTo("/api/auth/login"));
        assertFalse(OAuthErrorBody.appliesTo("/.well-known/oauth-authorization-server"));
        assertFalse(OAuthErrorBody.appliesTo(null));
    }

    @Test
    void invalidGrantIs400AsRfc6749SaysEvenForALock() {
        assertEquals(400, OAuthErrorBody.status(ProblemDetail.of(new InvalidGrant(), "/oauth2/token")));
        assertEquals(400, OAuthErrorBody.status(ProblemDetail.of(new LockedOut(Duration.ofMinutes(3)), "/oauth2/token")));
        assertEquals(401, OAuthErrorBody.status(ProblemDetail.of(InvalidToken.rejected(), "/oauth2/introspect")));
        assertEquals(503, OAuthErrorBody.status(ProblemDetail.of(new ServerBusy(), "/oauth2/token")));
    }

    @Test
    void theBodyHasExactlyErrorAndDescription() {
        JsonObject json = body(ProblemDetail.of(new InvalidRequest("The parameter 'token' is required."),
                "/oauth2/revoke"));
        assertEquals(Set.of("error", "error_description"), json.keySet());
        assertEquals("invalid_request", json.getString("error"));
        assertEquals("The parameter 'token' is required.", json.getString("error_description"));
    }

    @Test
    void anErrorWithoutAnOAuthCodeGetsOneByStatus() {
        assertEquals("invalid_request", body(new ProblemDetail(404, "Not Found", null, null, "/oauth2/x")).getString("error"));
        assertEquals("Not Found", body(new ProblemDetail(404, "Not Found", null, null, "/oauth2/x"))
                .getString("error_description"));
        assertEquals("invalid_request", body(new ProblemDetail(405, "Method Not Allowed", "m", null, "/oauth2/token"))
                .getString("error"));
        assertEquals("temporarily_unavailable", body(new ProblemDetail(503, "Unavailable", "d", null, "/oauth2/token"))
                .getString("error"));
        assertEquals("server_error", body(new ProblemDetail(500, "Internal server error", "d", null, "/oauth2/token"))
                .getString("error"));
    }

    @Test
    void theDescriptionKeepsToTheCharactersRfc6749Allows() {
        assertEquals("a?b?c?d?", OAuthErrorBody.description("a\"b\\c\nd\u00e9"));
    }
}
