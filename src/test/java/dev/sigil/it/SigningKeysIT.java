package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Key sources and algorithms on real servers: generated keys persist, ES256 and HS256 work, bad config stops. */
class SigningKeysIT {

    @Test
    void hs256SecretUnder32BytesStopsTheStartWithOneClearLine() throws Exception {
        String shortSecret = "only-31-bytes-long-secret-12345";
        SigilServer server = SigilServer.dedicated("bad-config",
                Map.of("SIGIL_JWT_ALGORITHM", "HS256", "SIGIL_JWT_SECRET", shortSecret,
                        "SIGIL_DB_URL", "jdbc:h2:mem:bad;DB_CLOSE_DELAY=-1"));
        try {
            server.startExpectingFailure();
            String log = Files.readString(server.log());
            assertTrue(log.contains("Sigil cannot start: SIGIL_JWT_SECRET must be at least 32 bytes for HS256, got 31"),
                    "see " + server.log());
            assertFalse(log.contains(shortSecret), "the secret itself is never logged");
            assertTrue(server.exitCode().isPresent(), "the process ended; see " + server.log());
            assertNotEquals(0, server.exitCode().getAsInt());
        } finally {
            server.stop();
        }
    }

    @Test
    void generatedKeyAndBootstrapAdminSurviveARestart() throws Exception {
        // No key file, no DB URL, no admin password: the embedded defaults, with ./data under the server's directory.
        SigilServer server = SigilServer.dedicated("generated-key", Map.of("SIGIL_ADMIN_PASSWORD", ""));
        try {
            server.start();
            String adminPassword = server.adminPassword();
            assertTrue(adminPassword != null && adminPassword.length() >= 20, "generated admin password is logged");
            assertTrue(Files.exists(server.dir().resolve("data/sigil.mv.db")), "H2 file database under ./data");
            Accounts accounts = new Accounts(server);
            String token = accounts.login("admin", adminPassword).getString("access_token");
            String jwksBefore = server.http().get("/.well-known/jwks.json").body();

            server.stop();
            server.start();

            assertEquals(200, server.http().get("/api/me", token).status(), "a token from before the restart");
            assertEquals(jwksBefore, server.http().get("/.well-known/jwks.json").body());
            assertEquals(200, accounts.tryLogin("admin", adminPassword).status());
            String log = Files.readString(server.log());
            assertEquals(1, Pattern.compile("generated password").matcher(log).results().count(),
                    "the generated password is logged once, at the first start only");
        } finally {
            server.stop();
        }
        // Without SIGIL_DB_PASSWORD the embedded database has the empty password, so an operator's tools open it.
        String url = "jdbc:h2:file:" + server.dir().resolve("data/sigil");
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
             var result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
            assertTrue(result.next());
            assertEquals(1, result.getInt(1));
        }
    }

    @Test
    void es256TokensVerifyWithThePublishedEcKey() throws Exception {
        SigilServer server = SigilServer.dedicated("es256",
                Map.of("SIGIL_JWT_ALGORITHM", "ES256", "SIGIL_DB_URL", "jdbc:h2:mem:es256;DB_CLOSE_DELAY=-1"));
        try {
            server.start();
            Accounts accounts = new Accounts(server);
            String token = accounts.accessToken(accounts.createUser("ec"));
            JWKSet set = JWKSet.parse(server.http().get("/.well-known/jwks.json").body());
            SignedJWT jwt = SignedJWT.parse(token);
            assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
            ECKey key = set.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
            assertFalse(key.isPrivate());
            assertEquals("P-256", key.getCurve().getName());
            assertTrue(jwt.verify(new ECDSAVerifier(key)));
            assertEquals(200, server.http().get("/api/me", token).status());
        } finally {
            server.stop();
        }
    }

    @Test
    void hs256PublishesNoKeyAndItsTokensVerifyWithTheSecret() throws Exception {
        String secret = SigilServer.randomSecret() + SigilServer.randomSecret();
        SigilServer server = SigilServer.dedicated("hs256", Map.of("SIGIL_JWT_ALGORITHM", "HS256",
                "SIGIL_JWT_SECRET", secret, "SIGIL_DB_URL", "jdbc:h2:mem:hs256;DB_CLOSE_DELAY=-1"));
        try {
            server.start();
            assertEquals("{\"keys\":[]}", server.http().get("/.well-known/jwks.json").body());
            Accounts accounts = new Accounts(server);
            String token = accounts.accessToken(accounts.createUser("hmac"));
            SignedJWT jwt = SignedJWT.parse(token);
            assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
            assertTrue(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8))));
            assertEquals(200, server.http().get("/api/me", token).status());
            assertFalse(Files.readString(server.log()).contains(secret), "the secret is never logged");
        } finally {
            server.stop();
        }
    }
}
