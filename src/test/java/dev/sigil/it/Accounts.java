package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Users for tests: each test makes its own, with a unique name. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";

    private final SigilServer server;

    public Accounts(SigilServer server) {
        this.server = server;
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    public String adminToken() {
        return login("admin", server.adminPassword()).getString("access_token");
    }

    /** Creates a user with {@link #PASSWORD} and the given extra roles; returns the username. */
    public String createUser(String prefix, String... roles) {
        String username = uniqueName(prefix);
        Http.Reply reply = server.http().postJson("/api/admin/users", userJson(username, PASSWORD, List.of(roles)),
                adminToken());
        assertEquals(201, reply.status(), reply::toString);
        return username;
    }

    public static String userJson(String username, String password, List<String> roles) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .add("roles", Json.createArrayBuilder(roles))
                .build().toString();
    }

    public static String loginJson(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    public Http.Reply tryLogin(String username, String password) {
        return server.http().postJson("/api/auth/login", loginJson(username, password));
    }

    /** Logs in and returns the token response; fails the test unless it is a 200. */
    public JsonObject login(String username, String password) {
        Http.Reply reply = tryLogin(username, password);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    public String accessToken(String username) {
        return login(username, PASSWORD).getString("access_token");
    }

    /** How many audit events of {@code type} the user has (admin's GET /api/admin/audit). */
    public int auditCount(String username, String type) {
        Http.Reply reply = server.http().get("/api/admin/audit?username=" + username + "&type=" + type, adminToken());
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray().size();
    }
}
