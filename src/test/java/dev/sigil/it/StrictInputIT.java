package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4 strict input, on every JSON endpoint: a duplicated member, a member of the wrong type, an unknown member,
 * trailing data and a wrong content type are refused with a 4xx problem that names what is wrong.
 */
class StrictInputIT {

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
    }

    /** Who may call an endpoint: the token a test needs to get past authentication. */
    enum Caller { ANYONE, USER, ADMIN }

    record Endpoint(String method, String path, Caller caller) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Endpoint LOGIN = new Endpoint("POST", "/api/auth/login", Caller.ANYONE);
    private static final Endpoint REFRESH = new Endpoint("POST", "/api/auth/refresh", Caller.ANYONE);
    private static final Endpoint LOGOUT = new Endpoint("POST", "/api/auth/logout", Caller.USER);
    private static final Endpoint PASSWORD = new Endpoint("POST", "/api/auth/password", Caller.USER);
    private static final Endpoint CREATE_USER = new Endpoint("POST", "/api/admin/users", Caller.ADMIN);
    private static final Endpoint ROLES = new Endpoint("PUT", "/api/admin/users/no-such-user/roles", Caller.ADMIN);

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(LOGIN, "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}", "username"),
                Arguments.of(LOGIN, "{\"username\":123,\"password\":\"x\"}", "username"),
                Arguments.of(LOGIN, "{\"username\":\"a\",\"password\":true}", "password"),
                Arguments.of(LOGIN, "{\"username\":\"a\",\"password\":\"x\",\"remember\":true}", "remember"),
                Arguments.of(LOGIN, "{\"username\":\"a\"}", "password"),
                Arguments.of(LOGIN, "[\"a\",\"x\"]", "object"),
                Arguments.of(REFRESH, "{\"refresh_token\":\"a\",\"refresh_token\":\"b\"}", "refresh_token"),
                Arguments.of(REFRESH, "{\"refresh_token\":42}", "refresh_token"),
                Arguments.of(REFRESH, "{\"refresh_token\":\"a\",\"scope\":\"all\"}", "scope"),
                Arguments.of(LOGOUT, "{\"refresh_token\":\"a\",\"refresh_token\":\"b\"}", "refresh_token"),
                Arguments.of(LOGOUT, "{\"refresh_token\":[]}", "refresh_token"),
                Arguments.of(LOGOUT, "{\"everywhere\":true}", "everywhere"),
                Arguments.of(PASSWORD, "{\"current_password\":\"a\",\"current_password\":\"b\",\"new_password\":\"c\"}",
                        "current_password"),
                Arguments.of(PASSWORD, "{\"current_password\":\"a\",\"new_password\":12345678901234}", "new_password"),
                Arguments.of(PASSWORD, "{\"current_password\":\"a\",\"new_password\":\"b\",\"force\":true}", "force"),
                Arguments.of(PASSWORD, "{\"new_password\":\"b\"}", "current_password"),
                Arguments.of(CREATE_USER, "{\"username\":\"dup-a\",\"username\":\"dup-b\",\"password\":\"x\"}", "username"),
                Arguments.of(CREATE_USER, "{\"username\":\"typed\",\"password\":\"x\",\"roles\":\"admin\"}", "roles"),
                Arguments.of(CREATE_USER, "{\"username\":\"typed\",\"password\":\"x\",\"roles\":[1]}", "roles"),
                Arguments.of(CREATE_USER, "{\"username\":\"typed\",\"password\":false}", "password"),
                Arguments.of(ROLES, "[\"user\",7]", "element"),
                Arguments.of(ROLES, "{\"roles\":[\"user\"]}", "array"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badBodies")
    void badBodyIs400NamingTheMember(Endpoint endpoint, String body, String named) {
        Http.Reply reply = send(endpoint, "application/json", body);
        assertInvalidRequest(reply);
        assertTrue(reply.json().getString("detail").contains(named), reply::toString);
    }

    static Stream<Arguments> trailingData() {
        return Stream.of(
                Arguments.of(LOGIN, "{\"username\":\"a\",\"password\":\"x\"} trailing"),
                Arguments.of(LOGIN, "{\"username\":\"a\",\"password\":\"x\"}{}"),
                Arguments.of(REFRESH, "{\"refresh_token\":\"a\"}]"),
                Arguments.of(LOGOUT, "{\"refresh_token\":\"a\"} 1"),
                Arguments.of(PASSWORD, "{\"current_password\":\"a\",\"new_password\":\"b\"}x"),
                Arguments.of(CREATE_USER, "{\"username\":\"trail\",\"password\":\"x\"},"),
                Arguments.of(ROLES, "[\"user\",\"admin\"] []"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trailingData")
    void dataAfterTheJsonValueIs400(Endpoint endpoint, String body) {
        assertInvalidRequest(send(endpoint, "application/json", body));
    }

    static Stream<Endpoint> jsonEndpoints() {
        return Stream.of(LOGIN, REFRESH, LOGOUT, PASSWORD, CREATE_USER, ROLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonEndpoints")
    void aFormBodyIs415(Endpoint endpoint) {
        Http.Reply reply = send(endpoint, "application/x-www-form-urlencoded", "refresh_token=abc&username=a");
        assertEquals(415, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("invalid_request", reply.json().getString("error"), reply::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonEndpoints")
    void deeplyNestedJsonIs400(Endpoint endpoint) {
        assertInvalidRequest(send(endpoint, "application/json", "[".repeat(5000)));
    }

    @Test
    void duplicateUsernameDoesNotLogInAsTheSecond() {
        String username = accounts.createUser("dup");
        String body = "{\"username\":\"nobody\",\"username\":\"" + username + "\",\"password\":\""
                + Accounts.PASSWORD + "\"}";
        assertInvalidRequest(send(LOGIN, "application/json", body));
    }

    @Test
    void unknownEnabledMemberDoesNotCreateTheUser() {
        String username = Accounts.uniqueName("enabled");
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"enabled\":false}";
        Http.Reply reply = send(CREATE_USER, "application/json", body);
        assertInvalidRequest(reply);
        assertTrue(reply.json().getString("detail").contains("enabled"), reply::toString);
        assertEquals(404, server.http().get("/api/admin/users/" + username, accounts.adminToken()).status());
    }

    @Test
    void logoutWithoutBodyStillWorks() {
        String username = accounts.createUser("nobody-logout");
        String token = accounts.accessToken(username);
        Http.Reply reply = server.http().send(server.http().request("/api/auth/logout")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reply.status(), reply::toString);
    }

    @Test
    void wellFormedBodiesStillWork() {
        String username = accounts.createUser("well-formed");
        var tokens = accounts.login(username, Accounts.PASSWORD);
        Http.Reply refreshed = server.http().postJson("/api/auth/refresh",
                "{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}");
        assertEquals(200, refreshed.status(), refreshed::toString);
        Http.Reply roles = server.http().send("PUT", "/api/admin/users/" + username + "/roles",
                "[\"user\",\"auditor\"]", accounts.adminToken());
        assertEquals(200, roles.status(), roles::toString);
        assertEquals(List.of("auditor", "user"), roles.json().getJsonArray("roles").getValuesAs(
                jakarta.json.JsonString::getString).stream().sorted().toList());
    }

    private static Http.Reply send(Endpoint endpoint, String contentType, String body) {
        HttpRequest.Builder request = server.http().request(endpoint.path()).header("Content-Type", contentType)
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
        switch (endpoint.caller()) {
            case USER -> request.header("Authorization", "Bearer " + accounts.accessToken(accounts.createUser("strict")));
            case ADMIN -> request.header("Authorization", "Bearer " + accounts.adminToken());
            default -> { }
        }
        return server.http().send(request);
    }

    private static void assertInvalidRequest(Http.Reply reply) {
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("invalid_request", reply.json().getString("error"), reply::toString);
        assertTrue(reply.json().containsKey("detail"), reply::toString);
    }
}
