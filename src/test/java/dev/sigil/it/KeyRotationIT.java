package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /api/admin/keys/rotate with generated keys, encrypted at rest, across a restart. The retired key's last token
 * is made to have expired by moving its retirement back in the database while the server is stopped.
 */
class KeyRotationIT {

    private static final String SECRET = "a key-encryption secret of at least 32 bytes, for tests only";

    private static List<String> publishedKids(SigilServer server) {
        List<String> kids = new ArrayList<>();
        server.http().get("/.well-known/jwks.json").json().getJsonArray("keys")
                .forEach(key -> kids.add(key.asJsonObject().getString("kid")));
        return kids;
    }

    private static String kid(String token) {
        return JWT.decode(token).getKeyId();
    }

    @Test
    void rotationSignsWithANewKeyKeepsOldTokensAndDropsTheOldKeyOnceItsTokensExpired() throws Exception {
        SigilServer server = SigilServer.dedicated("key-rotation", Map.of("SIGIL_KEY_ENCRYPTION_SECRET", SECRET,
                "SIGIL_JWKS_MAX_AGE", "PT1S", "SIGIL_KEY_ACTIVATION_DELAY", "PT3S"));
        String url = "jdbc:h2:file:" + server.dir().resolve("data/sigil");
        try {
            server.start();
            Accounts accounts = new Accounts(server);
            String before = accounts.adminToken();
            String oldKid = kid(before);
            String plain = accounts.accessToken(accounts.createUser("plain"));
            assertEquals(403, server.http().postJson("/api/admin/keys/rotate", "", plain).status());

            Http.Reply reply = server.http().postJson("/api/admin/keys/rotate", "", before);
            assertEquals(200, reply.status(), reply::toString);
            JsonObject rotated = reply.json();
            String newKid = rotated.getString("kid");
            assertNotEquals(oldKid, newKid);
            assertEquals("RS256", rotated.getString("algorithm"));
            assertEquals(List.of(oldKid), rotated.getJsonArray("retired").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList());
            assertTrue(publishedKids(server).contains(newKid), "published before it signs");
            Instant activatesAt = Instant.parse(rotated.getString("activates_at"));
            assertEquals(3, Duration.between(Instant.parse(rotated.getString("created_at")), activatesAt).toSeconds(), 1);

            // Tokens issued until the activation carry the old kid; wait for it (SIGIL_KEY_ACTIVATION_DELAY).
            while (!Instant.now().isAfter(activatesAt.plusMillis(500))) {
                Thread.sleep(100);
            }
            String after = accounts.adminToken();
            assertEquals(newKid, kid(after), "new tokens carry the new kid");
            assertEquals(200, server.http().get("/api/me", before).status(), "old tokens stay valid until they expire");
            assertEquals(List.of(oldKid, newKid), publishedKids(server), "the JWKS lists both while old tokens live");
            assertTrue(server.http().get("/api/admin/audit?type=KEY_ROTATED", after).body().contains(newKid));

            server.stop();
            try (Connection db = DriverManager.getConnection(url, "sa", "")) {
                try (ResultSet keys = db.createStatement().executeQuery("SELECT kid, private_key FROM signing_keys")) {
                    int count = 0;
                    while (keys.next()) {
                        count++;
                        assertTrue(keys.getString(2).startsWith("enc:v1:"), "private key encrypted at rest");
                        // "MII" (base64 of a DER header) occurs by chance in ciphertext; the rsaEncryption OID does not.
                        byte[] sealed = java.util.Base64.getDecoder().decode(keys.getString(2).substring(7));
                        assertFalse(contains(sealed, RSA_ENCRYPTION_OID), "no PKCS#8 in the clear");
                    }
                    assertEquals(2, count);
                }
                // Access tokens live 5 minutes (+30 s leeway): retired an hour ago, none of its tokens can be live.
                assertEquals(1, db.createStatement().executeUpdate("UPDATE signing_keys SET retired_at = "
                        + "DATEADD('HOUR', -1, CURRENT_TIMESTAMP) WHERE kid = '" + oldKid + "'"));
            }
            server.start();

            assertEquals(List.of(newKid), publishedKids(server), "the retired key is gone from the JWKS");
            Http.Reply old = server.http().get("/api/me", before);
            assertEquals(401, old.status(), "a token of the dropped key is refused");
            assertTrue(old.header("WWW-Authenticate").orElse("").contains("invalid_token"));
            assertEquals(200, server.http().get("/api/me", after).status(), "the new key survives the restart");
        } finally {
            server.stop();
        }
    }

    @Test
    void keyFromAFileCannotBeRotatedByTheApi() {
        SigilServer server = SigilServer.main();
        Http.Reply reply = server.http().postJson("/api/admin/keys/rotate", "", new Accounts(server).adminToken());
        assertEquals(409, reply.status(), reply::toString);
        assertTrue(reply.json().getString("detail").contains("SIGIL_JWT_KEY_FILE"));
    }

    /** DER of OID 1.2.840.113549.1.1.1 (rsaEncryption), inside every RSA PKCS#8 key. */
    private static final byte[] RSA_ENCRYPTION_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
        0x01, 0x01, 0x01};

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
