package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §3: no leeway on {@code exp}; a token is refused from the second its {@code exp} names. */
class AccessTokenExpiryIT {

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.shared("short-access", () -> Map.of("SIGIL_ACCESS_TOKEN_TTL", "PT3S"));
        accounts = new Accounts(server);
    }

    @Test
    void anAccessTokenIsRefusedFromTheSecondItsExpNames() throws InterruptedException {
        String username = accounts.createUser("expiry");
        String token = accounts.accessToken(username);
        Instant exp = Instant.ofEpochSecond(payload(token).getJsonNumber("exp").longValue());
        Http.Reply before = server.http().get("/api/me", token);
        assertTrue(before.status() == 200 || !Instant.now().isBefore(exp), before::toString);

        sleepUntil(exp);
        Http.Reply at = server.http().get("/api/me", token);
        assertEquals(401, at.status(), () -> "at exp " + exp + ", within what used to be a 30 s leeway: " + at);
        assertTrue(at.header("WWW-Authenticate").orElse("").contains("invalid_token"), at::toString);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = instant.toEpochMilli() - System.currentTimeMillis();
        if (millis > 0) {
            Thread.sleep(millis + 50);
        }
    }

    private static JsonObject payload(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
