package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.sigil.testsupport.TestKeys;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bearer filter against a real server: every SPEC §3 rejection first, then the accepted token. */
class BearerTokenIT {

    private static SigilServer server;
    private static Accounts accounts;
    private static String username;
    private static JsonObject tokens;
    private static ForgedTokens forge;

    @BeforeAll
    static void userWithTokens() {
        server = SigilServer.main();
        accounts = new Accounts(server);
        username = accounts.createUser("bearer");
        tokens = accounts.login(username, Accounts.PASSWORD);
        forge = new ForgedTokens(server, tokens.getString("access_token"));
    }

    private static Http.Reply me(String token) {
        return server.http().get("/api/me", token);
    }

    private static void assertInvalidToken(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Bearer realm=\"sigil\", error=\"invalid_token\"", reply.header("WWW-Authenticate").orElse(""));
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("invalid_token", reply.json().getString("error"));
    }

    @Test
    void requestWithoutTokenGetsBearerChallengeWithoutErrorCode() {
        Http.Reply reply = server.http().get("/api/me");
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertFalse(reply.json().containsKey("error"));
    }

    @Test
    void tokenWithAlgNoneIsRejected() {
        String unsigned = forge.like(Instant.now()).sign(Algorithm.none());
        assertInvalidToken(me(unsigned));
        // the same claims with the alg header rewritten to none and the signature dropped
        String[] parts = tokens.getString("access_token").split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                        .replace("RS256", "none").getBytes(StandardCharsets.UTF_8));
        assertInvalidToken(me(header + "." + parts[1] + "."));
    }

    @Test
    void tokenSignedWithHs256UsingTheRsaPublicKeyIsRejected() {
        // Algorithm confusion: an attacker uses the published public key as an HMAC secret.
        byte[] publicKey = MainServerKey.pair().getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n";
        assertInvalidToken(me(forge.like(Instant.now()).sign(Algorithm.HMAC256(publicKey))));
        assertInvalidToken(me(forge.like(Instant.now()).sign(Algorithm.HMAC256(pem.getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void tokenWithWrongSignatureIsRejected() {
        KeyPair other = TestKeys.rsa();
        String signedByOtherKey = forge.like(Instant.now())
                .sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));
        assertInvalidToken(me(signedByOtherKey));
        String genuine = tokens.getString("access_token");
        char last = genuine.charAt(genuine.length() - 2);
        String tampered = genuine.substring(0, genuine.length() - 2) + (last == 'A' ? 'B' : 'A')
                + genuine.charAt(genuine.length() - 1);
        assertInvalidToken(me(tampered));
        String[] parts = genuine.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"groups\":[", "\"groups\":[\"admin\",").getBytes(StandardCharsets.UTF_8));
        assertInvalidToken(me(parts[0] + "." + otherPayload + "." + parts[2]));
    }

    @Test
    void tokenWithUnknownKidIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withKeyId("not-a-known-kid"))));
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withKeyId(null))));
    }

    @Test
    void expiredTokenIsRejectedAfterTheLeeway() {
        Instant issued = Instant.now().minusSeconds(600);
        assertInvalidToken(me(forge.sign(forge.like(issued).withExpiresAt(Instant.now().minusSeconds(31)))));
    }

    @Test
    void tokenExpiredASecondAgoIsRejectedThereIsNoLeewayOnExp() {
        Instant issued = Instant.now().minusSeconds(300);
        assertInvalidToken(me(forge.sign(forge.like(issued).withExpiresAt(Instant.now().minusSeconds(1)))));
    }

    @Test
    void tokenIssuedInTheFutureBeyondTheLeewayIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now().plusSeconds(60)))));
    }

    @Test
    void tokenIssuedInTheFutureWithinTheLeewayIsAccepted() {
        assertEquals(200, me(forge.sign(forge.like(Instant.now().plusSeconds(15)))).status());
    }

    @Test
    void tokenNotYetValidBeyondTheLeewayIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withNotBefore(Instant.now().plusSeconds(60)))));
    }

    @Test
    void tokenWithWrongIssuerIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withIssuer("https://evil.example"))));
    }

    @Test
    void tokenWithWrongAudienceIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withAudience("another-service"))));
    }

    @Test
    void tokenWithAnotherTypIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withHeader(Map.of("typ", "JWT")))));
    }

    @Test
    void tokenWithoutSessionClaimIsRejected() {
        assertInvalidToken(me(forge.sign(forge.like(Instant.now()).withClaim("sid", (String) null))));
    }

    @Test
    void refreshTokenPresentedAsBearerIsRejected() {
        assertInvalidToken(me(tokens.getString("refresh_token")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer abc!def", "Bearer \"quoted\"", "Bearer a.b.c",
        "Bearer ....", "Bearer eyJhbGciOiJSUzI1NiJ9", "bearer eyJ.eyJ.sig"})
    void malformedBearerStringsAreRejected(String header) {
        Http.Reply reply = server.http().send(server.http().request("/api/me").header("Authorization", header).GET());
        assertInvalidToken(reply);
    }

    @Test
    void otherAuthorizationSchemeCountsAsNoToken() {
        Http.Reply reply = server.http().send(server.http().request("/api/me")
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET());
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void authorizationHeaderOf100KilobytesGetsJson401() {
        assertInvalidToken(me("a".repeat(100 * 1024)));
    }

    @Test
    void userWithoutAdminRoleGets403InsufficientScope() {
        Http.Reply reply = server.http().get("/api/admin/users/admin", tokens.getString("access_token"));
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("Bearer realm=\"sigil\", error=\"insufficient_scope\"", reply.header("WWW-Authenticate").orElse(""));
        assertEquals("insufficient_scope", reply.json().getString("error"));
    }

    @Test
    void validTokenShowsTheCallerFromTheTokenAlone() {
        String token = tokens.getString("access_token");
        Http.Reply reply = me(token);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject body = reply.json();
        var jwt = JWT.decode(token);
        assertEquals(jwt.getSubject(), body.getString("id"));
        assertEquals(username, body.getString("username"));
        assertEquals(java.util.List.of("user"), body.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(jwt.getClaim("sid").asString(), body.getString("session_id"));
        assertEquals(jwt.getExpiresAtAsInstant(), Instant.parse(body.getString("expires_at")));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Http.Reply reply = server.http().send(server.http().request("/api/me")
                .header("Authorization", "bEaReR " + tokens.getString("access_token")).GET());
        assertEquals(200, reply.status(), reply::toString);
    }
}
