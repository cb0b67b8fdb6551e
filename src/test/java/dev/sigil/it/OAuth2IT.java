package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OAuth 2.0 facade (SPEC §5) driven with raw HTTP on a real server: the refusals first. */
class OAuth2IT {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
    }

    // --- helpers

    static String form(String... namesAndValues) {
        return Stream.iterate(0, i -> i < namesAndValues.length, i -> i + 2)
                .map(i -> enc(namesAndValues[i]) + "=" + enc(namesAndValues[i + 1]))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Http.Reply post(String path, String contentType, String body) {
        return server.http().send(server.http().request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Http.Reply token(String body) {
        return post("/oauth2/token", FORM, body);
    }

    private static Http.Reply passwordGrant(String username, String password, String... extra) {
        String body = form("grant_type", "password", "username", username, "password", password);
        return token(extra.length == 0 ? body : body + "&" + form(extra));
    }

    private static JsonObject tokens(String username, String... extra) {
        Http.Reply reply = passwordGrant(username, Accounts.PASSWORD, extra);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static Http.Reply refreshGrant(String refreshToken, String... extra) {
        String body = form("grant_type", "refresh_token", "refresh_token", refreshToken);
        return token(extra.length == 0 ? body : body + "&" + form(extra));
    }

    private static Http.Reply introspect(String token, String bearer) {
        return server.http().send(server.http().request("/oauth2/introspect").header("Content-Type", FORM)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(form("token", token))));
    }

    private static Http.Reply revoke(String token) {
        return post("/oauth2/revoke", FORM, form("token", token));
    }

    /** RFC 6749 §5.2: exactly error and error_description, as application/json (not problem+json). */
    private static void assertOAuthError(int status, String error, Http.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("error", "error_description"), body.keySet(), reply::toString);
        assertEquals(error, body.getString("error"), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""), reply::toString);
    }

    private static int me(String accessToken) {
        return server.http().get("/api/me", accessToken).status();
    }

    private static JsonArray audit(String username, String type) {
        Http.Reply reply = server.http().get("/api/admin/audit?username=" + username + "&type=" + type,
                accounts.adminToken());
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray();
    }

    // --- /oauth2/token: malformed requests

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x"})
    void aBodyOfAnotherContentTypeIsInvalidRequestNot415(String contentType) {
        assertOAuthError(400, "invalid_request", post("/oauth2/token", contentType,
                "{\"grant_type\":\"password\",\"username\":\"a\",\"password\":\"b\"}"));
    }

    @Test
    void aBodyWithoutContentTypeIsInvalidRequest() {
        assertOAuthError(400, "invalid_request", server.http().send(server.http().request("/oauth2/token")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type=password&username=a%ZZ&password=b", "grant_type=password&username=%",
        "grant_type=refresh_token&refresh_token=%e"})
    void aBrokenPercentEscapeIsInvalidRequest(String body) {
        assertOAuthError(400, "invalid_request", token(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type", "username", "password"})
    void aRepeatedParameterIsInvalidRequest(String repeated) {
        String username = accounts.createUser("repeat");
        Http.Reply reply = passwordGrant(username, Accounts.PASSWORD, repeated,
                repeated.equals("password") ? Accounts.PASSWORD : repeated.equals("username") ? username : "password");
        assertOAuthError(400, "invalid_request", reply);
        assertTrue(reply.json().getString("error_description").contains("'" + repeated + "'"), reply::toString);
        assertEquals(0, audit(username, "LOGIN_SUCCESS").size(), "a refused request logs nobody in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "username=a&password=b", "grant_type=&username=a&password=b",
        "grant_type=password&password=b", "grant_type=password&username=a", "grant_type=password&username=a&password=",
        "grant_type=refresh_token", "grant_type=refresh_token&refresh_token="})
    void aMissingParameterIsInvalidRequest(String body) {
        assertOAuthError(400, "invalid_request", token(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "PASSWORD", "implicit"})
    void anotherGrantTypeIsUnsupported(String grantType) {
        assertOAuthError(400, "unsupported_grant_type", token(form("grant_type", grantType, "code", "x")));
    }

    @Test
    void aClientSecretIsInvalidClientWithABasicChallenge() {
        String username = accounts.createUser("secret");
        Http.Reply reply = passwordGrant(username, Accounts.PASSWORD, "client_id", "app", "client_secret", "s3cret");
        assertOAuthError(401, "invalid_client", reply);
        assertEquals("Basic realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void httpBasicClientAuthenticationIsInvalidClient() {
        String username = accounts.createUser("basic");
        Http.Reply reply = server.http().send(server.http().request("/oauth2/token").header("Content-Type", FORM)
                .header("Authorization", "Basic YXBwOnMzY3JldA==")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form("grant_type", "password", "username", username, "password", Accounts.PASSWORD))));
        assertOAuthError(401, "invalid_client", reply);
        assertEquals("Basic realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void aClientIdOutsideVscharOrTooLongIsInvalidRequest() {
        String username = accounts.createUser("badclient");
        assertOAuthError(400, "invalid_request", passwordGrant(username, Accounts.PASSWORD, "client_id", "app\n"));
        assertOAuthError(400, "invalid_request", passwordGrant(username, Accounts.PASSWORD, "client_id", "é"));
        assertOAuthError(400, "invalid_request",
                passwordGrant(username, Accounts.PASSWORD, "client_id", "a".repeat(256)));
    }

    @Test
    void aBodyOver64KibIsTheOAuthErrorShape() {
        Http.Reply reply = token("grant_type=password&username=a&password=" + "p".repeat(70_000));
        assertEquals(413, reply.status(), reply::toString);
        assertOAuthError(413, "invalid_request", reply);
    }

    @Test
    void anotherMethodOrAnUnknownPathUnderOauth2IsTheOAuthErrorShape() {
        assertOAuthError(405, "invalid_request", server.http().get("/oauth2/token"));
        assertOAuthError(404, "invalid_request", server.http().get("/oauth2/authorize?response_type=code"));
        assertOAuthError(404, "invalid_request", post("/oauth2/nothing", FORM, "a=b"));
    }

    @Test
    void anAbsurdPathUnderOauth2IsNeverHtml() {
        String response = RawHttp.exchange(server.base(), RawHttp.post("/oauth2/%ZZ", "localhost", FORM, "a=b"));
        assertTrue(RawHttp.statusLine(response).contains(" 400"), response);
        assertFalse(response.toLowerCase().contains("<html"), response);
    }

    // --- /oauth2/token: the password grant

    @Test
    void wrongPasswordUnknownUserAndDisabledUserGetTheSameInvalidGrant() {
        String username = accounts.createUser("same");
        String disabled = accounts.createUser("off");
        assertEquals(204, server.http().postJson("/api/admin/users/" + disabled + "/disable", "",
                accounts.adminToken()).status());
        Http.Reply wrong = passwordGrant(username, "not the password at all");
        Http.Reply unknown = passwordGrant(username + "-nobody", "not the password at all");
        Http.Reply off = passwordGrant(disabled, Accounts.PASSWORD);
        assertOAuthError(400, "invalid_grant", wrong);
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.body(), off.body());
        assertEquals(1, audit(username, "LOGIN_FAILURE").size(), "audited as a failed login");
    }

    @Test
    void aLockedNameIsInvalidGrantSayingSoWithRetryAfterEvenWithTheRightPassword() {
        String username = accounts.createUser("lock");
        for (int i = 0; i < 5; i++) {
            assertOAuthError(400, "invalid_grant", passwordGrant(username, "wrong password " + i));
        }
        Http.Reply locked = passwordGrant(username, Accounts.PASSWORD);
        assertOAuthError(400, "invalid_grant", locked);
        assertEquals("This account is temporarily locked.", locked.json().getString("error_description"));
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, locked::toString);
        // The same lock as /api/auth/login: one counter, one lock.
        Http.Reply viaApi = accounts.tryLogin(username, Accounts.PASSWORD);
        assertEquals(429, viaApi.status(), viaApi::toString);
        assertEquals(5, audit(username, "LOGIN_FAILURE").size());
        assertFalse(audit(username, "LOCKED_OUT").isEmpty());
    }

    @Test
    void theLockCountsFailuresOfBothDoors() {
        String username = accounts.createUser("doors");
        for (int i = 0; i < 4; i++) {
            assertEquals(401, accounts.tryLogin(username, "wrong password " + i).status());
        }
        assertOAuthError(400, "invalid_grant", passwordGrant(username, "wrong again"));
        Http.Reply locked = passwordGrant(username, Accounts.PASSWORD);
        assertTrue(locked.header("Retry-After").isPresent(), locked::toString);
    }

    @Test
    void thePasswordGrantAnswersTheTokenResponseUncached() {
        String username = accounts.createUser("grant");
        Http.Reply reply = passwordGrant(username, Accounts.PASSWORD, "scope", "ignored", "unknown", "ignored too");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        assertEquals("no-cache", reply.header("Pragma").orElse(""));
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in"),
                body.keySet());
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(300, body.getInt("expires_in"));
        assertEquals(200, me(body.getString("access_token")));
        assertEquals(username, JWT.decode(body.getString("access_token")).getClaim("upn").asString());
        String sid = JWT.decode(body.getString("access_token")).getClaim("sid").asString();
        JsonArray success = audit(username, "LOGIN_SUCCESS");
        assertEquals(1, success.size());
        assertEquals("session " + sid, success.getJsonObject(0).getString("detail"));
    }

    @Test
    void theClientIdIsRecordedOnTheSessionAndInTheAudit() {
        String username = accounts.createUser("cid");
        JsonObject viaOAuth = tokens(username, "client_id", "my-app 1.0");
        accounts.login(username, Accounts.PASSWORD);
        Http.Reply list = server.http().get("/api/auth/sessions", viaOAuth.getString("access_token"));
        assertEquals(200, list.status(), list::toString);
        List<JsonObject> sessions = list.jsonArray().getValuesAs(JsonObject.class);
        assertEquals(2, sessions.size());
        String sid = JWT.decode(viaOAuth.getString("access_token")).getClaim("sid").asString();
        for (JsonObject session : sessions) {
            JsonValue clientId = session.get("client_id");
            if (session.getString("id").equals(sid)) {
                assertEquals("my-app 1.0", session.getString("client_id"));
            } else {
                assertEquals(JsonValue.NULL, clientId, "a session of /api/auth/login has no client");
            }
        }
        assertEquals("session " + sid + ", client my-app 1.0",
                audit(username, "LOGIN_SUCCESS").stream().map(JsonObject.class::cast)
                        .filter(event -> event.getString("detail").contains(sid)).findFirst().orElseThrow()
                        .getString("detail"));
    }

    // --- /oauth2/token: the refresh_token grant

    @Test
    void anUnknownOrOverlongRefreshTokenIsInvalidGrant() {
        assertOAuthError(400, "invalid_grant", refreshGrant("no-such-token"));
        assertOAuthError(400, "invalid_grant", refreshGrant("x".repeat(600)));
    }

    @Test
    void anAccessTokenIsNoRefreshToken() {
        String username = accounts.createUser("swap");
        assertOAuthError(400, "invalid_grant", refreshGrant(tokens(username).getString("access_token")));
    }

    @Test
    void aRefreshWithAnotherClientIdIsInvalidGrantAndKillsNothing() {
        String username = accounts.createUser("mismatch");
        JsonObject pair = tokens(username, "client_id", "app-a");
        String refresh = pair.getString("refresh_token");
        assertOAuthError(400, "invalid_grant", refreshGrant(refresh, "client_id", "app-b"));
        assertOAuthError(400, "invalid_grant", refreshGrant(refresh));
        assertEquals(200, me(pair.getString("access_token")), "the session lives on");
        Http.Reply rotated = refreshGrant(refresh, "client_id", "app-a");
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(0, audit(username, "REFRESH_REUSE_DETECTED").size());
    }

    @Test
    void aSessionWithoutClientIdCannotBeRefreshedUnderOne() {
        String username = accounts.createUser("noclient");
        String refresh = tokens(username).getString("refresh_token");
        assertOAuthError(400, "invalid_grant", refreshGrant(refresh, "client_id", "someone"));
        assertEquals(200, refreshGrant(refresh).status());
    }

    @Test
    void reuseOfARotatedTokenRevokesTheFamilyThroughTheTokenEndpoint() {
        String username = accounts.createUser("reuse");
        String first = tokens(username, "client_id", "app").getString("refresh_token");
        Http.Reply second = refreshGrant(first, "client_id", "app");
        assertEquals(200, second.status(), second::toString);
        Http.Reply third = refreshGrant(second.json().getString("refresh_token"), "client_id", "app");
        assertEquals(200, third.status(), third::toString);
        // `first` is older than the immediate predecessor of the live token: reuse at once, grace or not.
        assertOAuthError(400, "invalid_grant", refreshGrant(first, "client_id", "app"));
        assertOAuthError(400, "invalid_grant", refreshGrant(third.json().getString("refresh_token"), "client_id", "app"));
        assertEquals(401, me(third.json().getString("access_token")), "the whole family is revoked");
        assertEquals(1, audit(username, "REFRESH_REUSE_DETECTED").size());
    }

    @Test
    void withinTheGraceTheImmediatePredecessorGetsTheSameLiveToken() {
        String username = accounts.createUser("grace");
        String first = tokens(username).getString("refresh_token");
        String live = refreshGrant(first).json().getString("refresh_token");
        Http.Reply again = refreshGrant(first);
        assertEquals(200, again.status(), again::toString);
        assertEquals(live, again.json().getString("refresh_token"));
    }

    @Test
    void aRefreshAnswersANewPairInTheSameSessionAndSpendsTheOldToken() {
        String username = accounts.createUser("rotate");
        JsonObject pair = tokens(username, "client_id", "app");
        Http.Reply reply = refreshGrant(pair.getString("refresh_token"), "client_id", "app");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        assertEquals("no-cache", reply.header("Pragma").orElse(""));
        JsonObject next = reply.json();
        assertNotEquals(pair.getString("refresh_token"), next.getString("refresh_token"));
        assertEquals(JWT.decode(pair.getString("access_token")).getClaim("sid").asString(),
                JWT.decode(next.getString("access_token")).getClaim("sid").asString());
        assertEquals(1, audit(username, "REFRESH").size());
    }

    // --- /oauth2/revoke

    @Test
    void revokeWithoutTokenIsInvalidRequest() {
        assertOAuthError(400, "invalid_request", post("/oauth2/revoke", FORM, "token_type_hint=refresh_token"));
        assertOAuthError(400, "invalid_request", post("/oauth2/revoke", "application/json", "{\"token\":\"x\"}"));
        assertOAuthError(400, "invalid_request", post("/oauth2/revoke", FORM, "token=a&token=b"));
    }

    @Test
    void revokeWithAClientSecretIsInvalidClient() {
        Http.Reply reply = post("/oauth2/revoke", FORM, form("token", "x", "client_id", "a", "client_secret", "s"));
        assertOAuthError(401, "invalid_client", reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c", "%%%", "é"})
    void revokingAnUnknownOrMalformedTokenIs200(String token) {
        Http.Reply reply = revoke(token);
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void revokingAnExpiredAccessTokenIs200AndEndsNothing() {
        String username = accounts.createUser("expired");
        JsonObject pair = tokens(username);
        ForgedTokens forged = new ForgedTokens(server, pair.getString("access_token"));
        String expired = forged.sign(forged.like(Instant.now().minusSeconds(600)));
        assertEquals(200, revoke(expired).status());
        assertEquals(200, me(pair.getString("access_token")), "an expired token ends no session");
    }

    @Test
    void revokingARefreshTokenEndsItsSession() {
        String username = accounts.createUser("revr");
        JsonObject pair = tokens(username);
        Http.Reply reply = post("/oauth2/revoke", FORM,
                form("token", pair.getString("refresh_token"), "token_type_hint", "refresh_token"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(401, me(pair.getString("access_token")), "the session's access token stops at once");
        assertOAuthError(400, "invalid_grant", refreshGrant(pair.getString("refresh_token")));
        assertEquals(200, revoke(pair.getString("refresh_token")).status(), "revoking again is still 200");
        assertEquals(1, audit(username, "LOGOUT").size());
    }

    @Test
    void revokingAnAccessTokenEndsItsSessionWhateverTheHint() {
        String username = accounts.createUser("reva");
        JsonObject pair = tokens(username);
        JsonObject other = tokens(username);
        Http.Reply reply = post("/oauth2/revoke", FORM,
                form("token", pair.getString("access_token"), "token_type_hint", "refresh_token"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(401, me(pair.getString("access_token")));
        assertOAuthError(400, "invalid_grant", refreshGrant(pair.getString("refresh_token")));
        assertEquals(200, me(other.getString("access_token")), "only that session ends");
        assertEquals(200, revoke(pair.getString("access_token")).status(), "an already revoked token is 200");
        assertEquals(1, audit(username, "LOGOUT").size());
    }

    // --- /oauth2/introspect

    @Test
    void introspectionWithoutTokenIs401WithTheBearerChallenge() {
        Http.Reply reply = post("/oauth2/introspect", FORM, form("token", "x"));
        assertOAuthError(401, "invalid_request", reply);
        assertEquals("Bearer realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void introspectionWithABadTokenIsInvalidToken() {
        Http.Reply reply = introspect("x", "not.a.token");
        assertOAuthError(401, "invalid_token", reply);
        assertEquals("Bearer realm=\"sigil\", error=\"invalid_token\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void introspectionByANonAdminIsInsufficientScope() {
        String username = accounts.createUser("notadmin");
        String bearer = accounts.accessToken(username);
        Http.Reply reply = introspect(bearer, bearer);
        assertOAuthError(403, "insufficient_scope", reply);
        assertEquals("Bearer realm=\"sigil\", error=\"insufficient_scope\"",
                reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void introspectionWithoutTokenParameterIsInvalidRequest() {
        String admin = accounts.adminToken();
        assertOAuthError(400, "invalid_request", server.http().send(server.http().request("/oauth2/introspect")
                .header("Content-Type", FORM).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString("token_type_hint=access_token"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."})
    void introspectingAnUnknownTokenIsInactiveAndNothingMore(String token) {
        Http.Reply reply = introspect(token, accounts.adminToken());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("{\"active\":false}", reply.body());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
    }

    @Test
    void introspectingALiveAccessTokenTellsItsClaims() {
        String username = accounts.createUser("intro", "auditor");
        String access = tokens(username, "client_id", "cli").getString("access_token");
        Http.Reply reply = introspect(access, accounts.adminToken());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject body = reply.json();
        var jwt = JWT.decode(access);
        assertTrue(body.getBoolean("active"));
        assertEquals(jwt.getSubject(), body.getString("sub"));
        assertEquals(username, body.getString("username"));
        assertEquals("cli", body.getString("client_id"));
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(jwt.getExpiresAtAsInstant().getEpochSecond(), body.getJsonNumber("exp").longValue());
        assertEquals(jwt.getIssuedAtAsInstant().getEpochSecond(), body.getJsonNumber("iat").longValue());
        assertEquals(server.issuer(), body.getString("iss"));
        assertEquals("sigil", body.getString("aud"));
        assertEquals(jwt.getId(), body.getString("jti"));
        assertEquals(jwt.getClaim("sid").asString(), body.getString("sid"));
        assertEquals(List.of("auditor", "user"), body.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertFalse(body.containsKey("scope"));
    }

    @Test
    void introspectingALiveRefreshTokenTellsItsSession() {
        String username = accounts.createUser("intror");
        JsonObject pair = tokens(username);
        JsonObject body = introspect(pair.getString("refresh_token"), accounts.adminToken()).json();
        assertTrue(body.getBoolean("active"), body::toString);
        assertEquals("refresh_token", body.getString("token_type"));
        assertEquals(username, body.getString("username"));
        assertEquals(JWT.decode(pair.getString("access_token")).getClaim("sid").asString(), body.getString("sid"));
        assertFalse(body.containsKey("client_id"), "no client named");
        long exp = body.getJsonNumber("exp").longValue();
        long iat = body.getJsonNumber("iat").longValue();
        assertEquals(pair.getInt("refresh_expires_in"), exp - iat, 2);
    }

    @Test
    void aSpentRevokedOrExpiredTokenIsInactive() {
        String admin = accounts.adminToken();
        String username = accounts.createUser("inactive");
        JsonObject pair = tokens(username);
        String spent = pair.getString("refresh_token");
        JsonObject next = refreshGrant(spent).json();
        assertEquals("{\"active\":false}", introspect(spent, admin).body(), "a rotated token, even within the grace");
        assertTrue(introspect(next.getString("refresh_token"), admin).json().getBoolean("active"));
        ForgedTokens forged = new ForgedTokens(server, next.getString("access_token"));
        assertEquals("{\"active\":false}",
                introspect(forged.sign(forged.like(Instant.now().minusSeconds(600))), admin).body(), "expired");
        assertEquals(200, revoke(next.getString("access_token")).status());
        assertEquals("{\"active\":false}", introspect(next.getString("access_token"), admin).body(), "revoked");
        assertEquals("{\"active\":false}", introspect(next.getString("refresh_token"), admin).body(),
                "its session ended");
    }

    // --- /.well-known/oauth-authorization-server

    @Test
    void metadataNamesTheEndpointsFromTheIssuer() {
        Http.Reply reply = server.http().get("/.well-known/oauth-authorization-server");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        JsonObject body = reply.json();
        String issuer = server.issuer();
        assertEquals(issuer, body.getString("issuer"));
        assertEquals(issuer + "/oauth2/token", body.getString("token_endpoint"));
        assertEquals(issuer + "/oauth2/revoke", body.getString("revocation_endpoint"));
        assertEquals(issuer + "/oauth2/introspect", body.getString("introspection_endpoint"));
        assertEquals(issuer + "/.well-known/jwks.json", body.getString("jwks_uri"));
        assertEquals(List.of("password", "refresh_token"), strings(body, "grant_types_supported"));
        assertEquals(List.of(), strings(body, "response_types_supported"));
        assertEquals(List.of("none"), strings(body, "token_endpoint_auth_methods_supported"));
        assertEquals(List.of("none"), strings(body, "revocation_endpoint_auth_methods_supported"));
        assertEquals(List.of("Bearer"), strings(body, "introspection_endpoint_auth_methods_supported"));
        assertEquals(List.of("RS256"), strings(body, "access_token_signing_alg_values_supported"));
    }

    private static List<String> strings(JsonObject body, String member) {
        return body.getJsonArray(member).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
