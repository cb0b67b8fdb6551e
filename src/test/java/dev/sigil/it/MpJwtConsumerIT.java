package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.sigil.testsupport.TestKeys;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 #5: a JAX-RS service of one's own (src/consumer, README "Protect your own JAX-RS service with Sigil
 * tokens") protected by Payara's MicroProfile JWT, pointed at Sigil's JWKS, issuer and audience, deployed next to Sigil
 * in the same Payara Micro. Sigil signs with the test's key, so a forged token differs from a genuine one only in the
 * claim under test.
 */
class MpJwtConsumerIT {

    private static final String USER_METHOD = SigilServer.CONSUMER + "/api/greeting";
    private static final String ADMIN_METHOD = SigilServer.CONSUMER + "/api/greeting/admin";

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void start() throws Exception {
        Path key = SigilServer.dirOf("mpjwt").resolve("signing-key.pem");
        server = SigilServer.dedicated("mpjwt", Map.of(
                "SIGIL_JWT_KEY_FILE", key.toString(),
                "SIGIL_DB_URL", "jdbc:h2:mem:mpjwt;DB_CLOSE_DELAY=-1",
                // short enough to wait for a real token to expire
                "SIGIL_ACCESS_TOKEN_TTL", "PT6S"));
        Files.createDirectories(key.getParent());
        MainServerKey.write(key);
        server.withConsumer().start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static Http.Reply call(String path, String token) {
        return server.http().get(path, token);
    }

    private static void assertUnauthorized(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(""), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
    }

    // ---- rejections

    @Test
    void requestWithoutTokenIs401() {
        assertUnauthorized(server.http().get(USER_METHOD));
    }

    @Test
    void tamperedTokenIs401() {
        String token = accounts.accessToken(accounts.createUser("tampered"));
        String[] parts = token.split("\\.");
        // the same header and signature over a payload whose upn is changed
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"upn\":\"[^\"]*\"", "\"upn\":\"admin\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthorized(call(USER_METHOD, forged));
    }

    @Test
    void tokenSignedWithAnotherKeyUnderSigilsKidIs401() {
        String genuine = accounts.accessToken(accounts.createUser("otherkey"));
        KeyPair other = TestKeys.rsa();
        String forged = new ForgedTokens(server, genuine).like(Instant.now())
                .sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));
        assertUnauthorized(call(USER_METHOD, forged));
    }

    @Test
    void tokenForAnotherAudienceIs401ThoughSignedWithSigilsKey() {
        String genuine = accounts.accessToken(accounts.createUser("audience"));
        ForgedTokens forge = new ForgedTokens(server, genuine);
        assertEquals(200, call(USER_METHOD, forge.sign(forge.like(Instant.now()))).status(),
                "control: the same forgery for the audience sigil passes, so the audience is what fails below");
        assertUnauthorized(call(USER_METHOD, forge.sign(forge.like(Instant.now()).withAudience("another-service"))));
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = accounts.accessToken(accounts.createUser("expired"));
        assertEquals(200, call(USER_METHOD, token).status(), "accepted while it lives");
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        while (!Instant.now().isAfter(exp.plusMillis(1100))) {
            Thread.sleep(200);
        }
        assertUnauthorized(call(USER_METHOD, token));
        assertEquals(401, server.http().get("/api/me", token).status(), "Sigil agrees");
    }

    // ---- what a Sigil token gives the consumer

    @Test
    void userTokenReachesTheUserMethodWhichSeesUpnGroupsAndSub() {
        String username = accounts.createUser("consumer");
        String token = accounts.accessToken(username);
        Http.Reply reply = call(USER_METHOD, token);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(username, body.getString("upn"));
        assertEquals(JWT.decode(token).getSubject(), body.getString("sub"));
        assertEquals(List.of("user"), body.getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
    }

    @Test
    void userTokenIs403OnTheAdminMethodAndAnAdminTokenPasses() {
        Http.Reply user = call(ADMIN_METHOD, accounts.accessToken(accounts.createUser("notadmin")));
        assertEquals(403, user.status(), user::toString);
        Http.Reply admin = call(ADMIN_METHOD, accounts.adminToken());
        assertEquals(200, admin.status(), admin::toString);
        assertEquals("admin", admin.json().getString("upn"));
    }
}
