package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /api/auth/login on a real server: the failures first, then the token response. */
class LoginIT {

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
    }

    private static void assertInvalidGrant(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("invalid_grant", reply.json().getString("error"));
    }

    @Test
    void unknownUserAndWrongPasswordGetByteIdenticalAnswers() {
        String username = accounts.createUser("ident");
        Http.Reply wrongPassword = accounts.tryLogin(username, "not the password at all");
        Http.Reply unknownUser = accounts.tryLogin(username + "-nobody", "not the password at all");
        assertInvalidGrant(wrongPassword);
        assertInvalidGrant(unknownUser);
        assertEquals(wrongPassword.body(), unknownUser.body());
        assertEquals(wrongPassword.contentType(), unknownUser.contentType());
        assertEquals(wrongPassword.header("WWW-Authenticate"), unknownUser.header("WWW-Authenticate"));
        assertEquals(wrongPassword.header("Content-Length"), unknownUser.header("Content-Length"));
    }

    @Test
    void passwordOfAnotherCaseIsWrong() {
        String username = accounts.createUser("case");
        assertInvalidGrant(accounts.tryLogin(username, Accounts.PASSWORD.toUpperCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"username\":\"someone\"}",
        "{\"password\":\"something-long\"}",
        "{\"username\":null,\"password\":\"something-long\"}",
        "{\"username\":\"\",\"password\":\"something-long\"}",
        "{\"username\":\"someone\",\"password\":\"\"}",
        "[]",
        "null",
        "\"username\"",
        "{\"username\":\"someone\",",
        "not json at all",
        "{\"username\":{\"nested\":1},\"password\":\"something-long\"}",
        "{\"username\":[\"a\"],\"password\":\"something-long\"}"})
    void malformedBodyIsInvalidRequest(String body) {
        Http.Reply reply = server.http().postJson("/api/auth/login", body);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void emptyBodyIsInvalidRequest() {
        Http.Reply reply = server.http().send(server.http().request("/api/auth/login")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void overlongUsernameOrPasswordIsInvalidRequest() {
        assertEquals(400, accounts.tryLogin("a".repeat(257), "something-long").status());
        assertEquals(400, accounts.tryLogin("someone", "p".repeat(1025)).status());
    }

    @Test
    void formEncodedBodyIsUnsupportedMediaType() {
        Http.Reply reply = server.http().send(server.http().request("/api/auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")));
        assertEquals(415, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
    }

    @Test
    void successAnswersTheTokenResponseUncached() {
        String username = accounts.createUser("ok");
        Http.Reply reply = accounts.tryLogin(username, Accounts.PASSWORD);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        assertTrue(reply.contentType().startsWith("application/json"));
        JsonObject body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in"),
                body.keySet());
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(300, body.getInt("expires_in"));
        assertEquals(14 * 24 * 3600, body.getInt("refresh_expires_in"));
        String refresh = body.getString("refresh_token");
        assertTrue(refresh.matches("[A-Za-z0-9_-]{43,}"), "256-bit base64url refresh token: " + refresh);
    }

    @Test
    void accessTokenCarriesExactlyTheSpecifiedHeaderAndClaims() {
        String username = accounts.createUser("claims", "auditor");
        DecodedJWT jwt = JWT.decode(accounts.accessToken(username));
        String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.getHeader()), StandardCharsets.UTF_8);
        JsonObject headerJson = jakarta.json.Json.createReader(new java.io.StringReader(header)).readObject();
        assertEquals(Set.of("alg", "kid", "typ"), headerJson.keySet());
        assertEquals("RS256", jwt.getAlgorithm());
        assertEquals("at+jwt", jwt.getType());
        assertEquals(Set.of("iss", "sub", "upn", "groups", "aud", "iat", "exp", "jti", "sid"), jwt.getClaims().keySet());
        assertEquals(server.issuer(), jwt.getIssuer());
        assertEquals(List.of("sigil"), jwt.getAudience());
        assertEquals(username, jwt.getClaim("upn").asString());
        assertEquals(new TreeSet<>(List.of("auditor", "user")), new TreeSet<>(jwt.getClaim("groups").asList(String.class)));
        assertEquals(300, jwt.getExpiresAtAsInstant().getEpochSecond() - jwt.getIssuedAtAsInstant().getEpochSecond());
        String userId = server.http().get("/api/admin/users/" + username, accounts.adminToken()).json().getString("id");
        assertEquals(userId, jwt.getSubject());
    }

    @Test
    void usernameIsMatchedCaseInsensitively() {
        String username = accounts.createUser("Mixed");
        DecodedJWT jwt = JWT.decode(accounts.login(username.toUpperCase(), Accounts.PASSWORD).getString("access_token"));
        assertEquals(username, jwt.getClaim("upn").asString());
    }

    @Test
    void everyLoginStartsItsOwnSession() {
        String username = accounts.createUser("two");
        String first = JWT.decode(accounts.accessToken(username)).getClaim("sid").asString();
        String second = JWT.decode(accounts.accessToken(username)).getClaim("sid").asString();
        assertNotEquals(first, second);
    }

    @Test
    void refreshTokenIsStoredOnlyAsItsSha256() throws Exception {
        // The main server's H2 traces every statement with its parameters: what the database received is on file.
        String username = accounts.createUser("hash");
        String refresh = accounts.login(username, Accounts.PASSWORD).getString("refresh_token");
        String trace = Files.readString(server.dir().resolve("db/sigil.trace.db"));
        String sha256 = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(refresh.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(trace.contains(sha256), "the hash reached the database");
        assertFalse(trace.contains(refresh), "the refresh token itself never reaches the database");
        assertFalse(trace.contains(Accounts.PASSWORD), "no password reaches the database");
    }
}
