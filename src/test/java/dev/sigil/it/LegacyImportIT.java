package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/admin/users with {@code password_hash}: users moved out of a legacy system sign in with their original
 * password, and the hash becomes Argon2id on that login. Hashes are made here with the libraries a legacy system would
 * have used (bcrypt, JCA PBKDF2, a weaker Argon2), never by the server under test.
 */
class LegacyImportIT {

    private static final String PASSWORD = "the password from the old system";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SigilServer server;
    private static Accounts accounts;
    private static String admin;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
        admin = accounts.adminToken();
    }

    private static Http.Reply importUser(String username, String hash) {
        return server.http().postJson("/api/admin/users", Json.createObjectBuilder()
                .add("username", username).add("password_hash", hash).build().toString(), admin);
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    private static String legacyHash(String format) throws Exception {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return switch (format) {
            case "bcrypt-2a", "bcrypt-2b", "bcrypt-2y" ->
                    OpenBSDBCrypt.generate(format.substring(7), PASSWORD.toCharArray(), salt(), 6);
            case "pbkdf2-sha256", "pbkdf2-sha512" -> {
                String mac = format.endsWith("256") ? "HmacSHA256" : "HmacSHA512";
                byte[] salt = salt();
                byte[] dk = SecretKeyFactory.getInstance("PBKDF2With" + mac)
                        .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 10000, 256)).getEncoded();
                yield "$" + format + "$i=10000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
            }
            case "argon2i-weak", "argon2id-weak" -> {
                boolean id = format.startsWith("argon2id");
                byte[] salt = salt();
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(new Argon2Parameters.Builder(id ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(4096).withIterations(1)
                        .withParallelism(1).withSalt(salt).build());
                byte[] out = new byte[32];
                generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), out);
                yield "$" + (id ? "argon2id" : "argon2i") + "$v=19$m=4096,t=1,p=1$" + b64.encodeToString(salt) + "$"
                        + b64.encodeToString(out);
            }
            default -> throw new IllegalArgumentException(format);
        };
    }

    // --- rejections

    @ParameterizedTest
    @ValueSource(strings = {"plain text", "$1$salt$md5crypt", "$6$rounds=5000$salt$sha512crypt", "{SSHA}abc",
        "$2b$31$abcdefghijklmnopqrstuuAbcdefghijklmnopqrstuvwxyz01234", "$pbkdf2-sha256$i=10$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=19456,t=2,p=1$!!notbase64$abc", ""})
    void unreadableOrAbsurdHashIs400WithoutEchoingIt(String hash) {
        assertRefused(hash);
    }

    // Costs a login cannot afford (issue 9: these were accepted, and every login then ran them).
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$argon2id$v=19$m=1048576,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | m=1048576 KiB is outside 8*p..65536",
        "$argon2id$v=19$m=19456,t=64,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | t=64 is outside 1..4",
        "$argon2id$v=19$m=19456,t=2,p=16$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | p=16 is outside 1..8",
        "$2b$16$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 16 is outside 4..12",
        "$2b$13$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 13 is outside 4..12",
        "$pbkdf2-sha256$i=10000000$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c+tmQ | 1000..1000000"})
    void overCostHashIs400NamingTheBound(String hash, String bound) {
        assertTrue(assertRefused(hash).json().getString("detail").contains(bound), bound);
    }

    private static Http.Reply assertRefused(String hash) {
        String username = Accounts.uniqueName("badhash");
        Http.Reply reply = importUser(username, hash);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        if (hash.length() > 8) {
            assertFalse(reply.body().contains(hash), "the hash is not echoed");
        }
        assertEquals(404, server.http().get("/api/admin/users/" + username, admin).status(), "nothing stored");
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bcrypt-2b"})
    void passwordAndHashTogetherIs400(String format) throws Exception {
        Http.Reply reply = server.http().postJson("/api/admin/users", Json.createObjectBuilder()
                .add("username", Accounts.uniqueName("both")).add("password", PASSWORD)
                .add("password_hash", legacyHash(format)).build().toString(), admin);
        assertEquals(400, reply.status(), reply::toString);
    }

    // --- what works

    @ParameterizedTest
    @ValueSource(strings = {"bcrypt-2a", "bcrypt-2b", "bcrypt-2y", "pbkdf2-sha256", "pbkdf2-sha512", "argon2i-weak",
        "argon2id-weak"})
    void importedUserSignsInWithTheOriginalPasswordAndIsRehashedToArgon2id(String format) throws Exception {
        String username = Accounts.uniqueName("legacy");
        Http.Reply created = importUser(username, legacyHash(format));
        assertEquals(201, created.status(), created::toString);
        assertFalse(created.body().contains("$"), "never a hash in a response");

        assertEquals(401, accounts.tryLogin(username, "not the old password").status());
        assertEquals(200, accounts.tryLogin(username, PASSWORD).status(), "the original password works");
        JsonArray rehashed = server.http().get("/api/admin/audit?type=PASSWORD_REHASHED&username=" + username, admin)
                .jsonArray();
        assertEquals(1, rehashed.size(), "the hash was replaced on that login");
        assertTrue(rehashed.getJsonObject(0).getString("detail").endsWith("to $argon2id$"));
        assertTrue(rehashed.getJsonObject(0).containsKey("ip"), "every field is present, null when unknown");

        assertEquals(200, accounts.tryLogin(username, PASSWORD).status(), "and works after the upgrade");
        assertEquals(401, accounts.tryLogin(username, "not the old password").status());
        assertEquals(1, server.http().get("/api/admin/audit?type=PASSWORD_REHASHED&username=" + username, admin)
                .jsonArray().size(), "a strong Argon2id hash is not rehashed again");
    }
}
