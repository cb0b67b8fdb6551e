package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.auth0.jwt.JWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 #6: a key rotation that Payara's MP-JWT survives. MP-JWT caches the JWKS for its max-age and never refetches
 * on an unknown kid, so the new key must be in every cached JWKS before it signs: here the JWKS max-age is 2 s and the
 * new key signs 6 s after the rotation. An immediate rotation (a compromised key) withdraws the old key at once.
 */
class MpJwtKeyRotationIT {

    private static final Duration MAX_AGE = Duration.ofSeconds(2);
    private static final Duration DELAY = Duration.ofSeconds(6);
    private static final String USER_METHOD = SigilServer.CONSUMER + "/api/greeting";

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        server = SigilServer.dedicated("mpjwt-rotation", Map.of(
                "SIGIL_DB_URL", "jdbc:h2:mem:mpjwt-rotation;DB_CLOSE_DELAY=-1",
                "SIGIL_JWKS_MAX_AGE", "PT" + MAX_AGE.toSeconds() + "S",
                "SIGIL_KEY_ACTIVATION_DELAY", "PT" + DELAY.toSeconds() + "S"));
        server.withConsumer().start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String kid(String token) {
        return JWT.decode(token).getKeyId();
    }

    private static List<String> kids(List<JsonString> values) {
        return values.stream().map(JsonString::getString).toList();
    }

    private static JsonObject rotate(String body) {
        Http.Reply reply = server.http().postJson("/api/admin/keys/rotate", body, accounts.adminToken());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        return reply.json();
    }

    @Test
    void jwksMayBeCachedForTheConfiguredMaxAge() {
        Http.Reply jwks = server.http().get("/.well-known/jwks.json");
        assertEquals("public, max-age=" + MAX_AGE.toSeconds(), jwks.header("Cache-Control").orElse(""));
    }

    @Test
    void theConsumerKeepsAcceptingFreshTokensAcrossADelayedRotation() throws Exception {
        JsonObject login = accounts.login(accounts.createUser("rotation"), Accounts.PASSWORD);
        String oldKid = kid(login.getString("access_token"));
        // The consumer fetches and caches the JWKS of before the rotation.
        assertEquals(200, server.http().get(USER_METHOD, login.getString("access_token")).status());

        JsonObject rotated = rotate("");
        String newKid = rotated.getString("kid");
        assertNotEquals(oldKid, newKid);
        assertEquals(List.of(oldKid), kids(rotated.getJsonArray("retired").getValuesAs(JsonString.class)));
        assertTrue(rotated.getJsonArray("withdrawn").isEmpty());
        Instant activatesAt = Instant.parse(rotated.getString("activates_at"));
        Instant rotatedAt = Instant.parse(rotated.getString("created_at"));
        assertEquals(DELAY.toSeconds(), Duration.between(rotatedAt, activatesAt).toSeconds(), 1, rotated::toString);
        assertTrue(server.http().get("/.well-known/jwks.json").body().contains(newKid), "published at once");

        // Fresh tokens, one after the other, until well after the switch: every one is accepted by the consumer.
        String refresh = login.getString("refresh_token");
        List<String> seen = new ArrayList<>();
        int calls = 0;
        while (Instant.now().isBefore(activatesAt.plus(MAX_AGE).plusSeconds(2))) {
            Http.Reply refreshed = server.http().postJson("/api/auth/refresh",
                    "{\"refresh_token\":\"" + refresh + "\"}");
            assertEquals(200, refreshed.status(), refreshed::toString);
            refresh = refreshed.json().getString("refresh_token");
            String token = refreshed.json().getString("access_token");
            Instant issuedAt = JWT.decode(token).getIssuedAtAsInstant();
            // iat is whole seconds; the switch may fall inside the second.
            if (issuedAt.isBefore(activatesAt.minusSeconds(1))) {
                assertEquals(oldKid, kid(token), "the old key signs until the activation");
            } else if (issuedAt.isAfter(activatesAt.plusSeconds(1))) {
                assertEquals(newKid, kid(token), "the new key signs after the activation");
            }
            Http.Reply consumed = server.http().get(USER_METHOD, token);
            if (consumed.status() != 200) {
                fail("call " + calls + ": the consumer refused a fresh token of kid " + kid(token) + " (iat " + issuedAt
                        + ", activation " + activatesAt + "): " + consumed);
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(kid(token))) {
                seen.add(kid(token));
            }
            calls++;
        }
        assertEquals(List.of(oldKid, newKid), seen, "the kid changed once, from the old key to the new one");
        assertTrue(calls >= 10, "fresh tokens requested continuously: " + calls);
    }

    @Test
    void anImmediateRotationSignsAtOnceAndWithdrawsTheCompromisedKeyEverywhere() throws Exception {
        String compromisedToken = accounts.accessToken(accounts.createUser("compromised"));
        String compromisedKid = kid(compromisedToken);
        assertEquals(200, server.http().get(USER_METHOD, compromisedToken).status());

        Http.Reply bad = server.http().postJson("/api/admin/keys/rotate", "{\"immediate\":\"yes\"}",
                accounts.adminToken());
        assertEquals(400, bad.status(), "strict JSON: " + bad);
        JsonObject rotated = rotate("{\"immediate\": true}");
        String newKid = rotated.getString("kid");
        assertTrue(kids(rotated.getJsonArray("withdrawn").getValuesAs(JsonString.class)).contains(compromisedKid));
        assertEquals(rotated.getString("created_at"), rotated.getString("activates_at"), "signs at once");

        assertEquals(401, server.http().get("/api/me", compromisedToken).status(), "Sigil refuses it at once");
        assertFalse(server.http().get("/.well-known/jwks.json").body().contains(compromisedKid), "withdrawn from JWKS");
        String fresh = accounts.accessToken(accounts.createUser("afterwards"));
        assertEquals(newKid, kid(fresh));
        assertEquals(200, server.http().get("/api/me", fresh).status());

        // The consumer still holds the old JWKS for up to its max-age, then follows.
        Instant deadline = Instant.now().plus(MAX_AGE).plusSeconds(15);
        while (server.http().get(USER_METHOD, compromisedToken).status() != 401
                || server.http().get(USER_METHOD, fresh).status() != 200) {
            if (Instant.now().isAfter(deadline)) {
                fail("the consumer did not drop the withdrawn key and take the new one after its JWKS max-age");
            }
            Thread.sleep(200);
        }
    }
}
