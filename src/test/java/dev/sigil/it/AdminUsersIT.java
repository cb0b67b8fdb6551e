package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST and GET /api/admin/users on a real server: rejections first. */
class AdminUsersIT {

    private static SigilServer server;
    private static Accounts accounts;
    private static String admin;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
        admin = accounts.adminToken();
    }

    private static Http.Reply create(String json, String token) {
        return server.http().postJson("/api/admin/users", json, token);
    }

    @Test
    void creatingWithoutTokenIs401() {
        Http.Reply reply = server.http().postJson("/api/admin/users",
                Accounts.userJson(Accounts.uniqueName("x"), Accounts.PASSWORD, List.of()));
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"sigil\"", reply.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void creatingAsNonAdminIs403InsufficientScope() {
        String user = accounts.accessToken(accounts.createUser("plain"));
        Http.Reply reply = create(Accounts.userJson(Accounts.uniqueName("x"), Accounts.PASSWORD, List.of("admin")), user);
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("insufficient_scope", reply.json().getString("error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "semi;colon", "slash/name", "ünïcode", "tab\tname", "quote'name"})
    void badUsernameIs400(String username) {
        Http.Reply reply = create(Accounts.userJson(username, Accounts.PASSWORD, List.of()), admin);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertTrue(reply.json().getString("detail").contains("3 to 64"), reply::toString);
    }

    @Test
    void usernameOf65CharactersIs400() {
        assertEquals(400, create(Accounts.userJson("a".repeat(65), Accounts.PASSWORD, List.of()), admin).status());
    }

    @Test
    void passwordShorterThanThePolicyIs400() {
        Http.Reply reply = create(Accounts.userJson(Accounts.uniqueName("short"), "elevenchars", List.of()), admin);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.json().getString("detail").contains("at least 12"), reply::toString);
    }

    @Test
    void passwordEqualToTheUsernameIs400() {
        String username = Accounts.uniqueName("same-as-password");
        Http.Reply reply = create(Accounts.userJson(username, username.toUpperCase(), List.of()), admin);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.json().getString("detail").contains("username"), reply::toString);
    }

    @Test
    void badRoleNameIs400() {
        Http.Reply reply = create(Accounts.userJson(Accounts.uniqueName("role"), Accounts.PASSWORD, List.of("Bad Role")),
                admin);
        assertEquals(400, reply.status(), reply::toString);
    }

    @Test
    void missingPasswordIs400() {
        Http.Reply reply = create("{\"username\":\"" + Accounts.uniqueName("nopw") + "\"}", admin);
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void duplicateUsernameIs409WhateverItsCase() {
        String username = accounts.createUser("dup");
        Http.Reply reply = create(Accounts.userJson(username.toUpperCase(), Accounts.PASSWORD, List.of()), admin);
        assertEquals(409, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
    }

    @Test
    void unknownUserIs404() {
        Http.Reply reply = server.http().get("/api/admin/users/" + Accounts.uniqueName("ghost"), admin);
        assertEquals(404, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
    }

    @Test
    void createdUserHas201LocationAndNeverAHash() {
        String username = Accounts.uniqueName("new.user_1@corp");
        Http.Reply created = create(Accounts.userJson(username, Accounts.PASSWORD, List.of("auditor")), admin);
        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location").orElseThrow();
        assertTrue(location.endsWith("/api/admin/users/" + username), location);
        assertFalse(created.body().contains("argon2"), created::toString);

        Http.Reply fetched = server.http().get(location, admin);
        assertEquals(200, fetched.status(), fetched::toString);
        JsonObject user = fetched.json();
        assertEquals(Set.of("id", "username", "roles", "enabled", "created_at"), user.keySet());
        assertEquals(username, user.getString("username"));
        assertTrue(user.getBoolean("enabled"));
        assertEquals(List.of("auditor", "user"), user.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(fetched.body().contains("$argon2"));
        assertEquals(200, accounts.tryLogin(username, Accounts.PASSWORD).status());
    }

    @Test
    void userIsFoundWhateverTheCaseOfTheName() {
        String username = accounts.createUser("Case");
        Http.Reply fetched = server.http().get("/api/admin/users/" + username.toUpperCase(), admin);
        assertEquals(200, fetched.status());
        assertEquals(username, fetched.json().getString("username"));
    }

    @Test
    void locationIsBuiltFromTheIssuerNotFromTheHostHeader() {
        String username = Accounts.uniqueName("located");
        String body = Accounts.userJson(username, Accounts.PASSWORD, List.of());
        String raw = RawHttp.exchange(server.base(), "POST /api/admin/users HTTP/1.1\r\nHost: evil.example\r\n"
                + "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertEquals("HTTP/1.1 201 Created", RawHttp.statusLine(raw), raw);
        assertTrue(raw.contains("\r\nLocation: " + server.issuer() + "/api/admin/users/" + username + "\r\n"), raw);
    }

    @Test
    void createdAtIsTheSameInThe201AndInTheGet() {
        String username = Accounts.uniqueName("stamped");
        Http.Reply created = create(Accounts.userJson(username, Accounts.PASSWORD, List.of()), admin);
        assertEquals(201, created.status(), created::toString);
        Http.Reply fetched = server.http().get("/api/admin/users/" + username, admin);
        assertEquals(created.json().getString("created_at"), fetched.json().getString("created_at"), fetched::toString);
        assertTrue(created.json().getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                created::toString);
    }
}
