package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sigil never lets the last enabled admin be demoted, disabled or deleted. Own server: it is about the admins. */
class LastAdminIT {

    private static SigilServer server;
    private static Accounts accounts;

    @BeforeAll
    static void server() {
        server = SigilServer.dedicated("last-admin", Map.of()).start();
        accounts = new Accounts(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Http.Reply send(String method, String path, String json, String bearer) {
        return server.http().send(method, path, json, bearer);
    }

    private static void assertConflict(Http.Reply reply) {
        assertEquals(409, reply.status(), reply::toString);
        assertTrue(reply.json().getString("detail").contains("last enabled admin"), reply::toString);
    }

    @Test
    void lastAdminCannotBeDemotedDisabledOrDeletedUntilThereIsAnother() {
        String admin = accounts.adminToken();
        assertConflict(send("PUT", "/api/admin/users/admin/roles", "[\"user\"]", admin));
        assertConflict(send("POST", "/api/admin/users/ADMIN/disable", null, admin));
        assertConflict(send("DELETE", "/api/admin/users/admin", null, admin));
        assertEquals(200, server.http().get("/api/me", admin).status(), "nothing happened");

        String second = accounts.createUser("second-admin", "admin");
        String secondToken = accounts.accessToken(second);
        assertEquals(200, send("PUT", "/api/admin/users/admin/roles", "[\"user\"]", secondToken).status(),
                "with another admin, the first may be demoted");
        assertConflict(send("POST", "/api/admin/users/" + second + "/disable", null, secondToken));
        assertConflict(send("DELETE", "/api/admin/users/" + second, null, secondToken));
        assertEquals(200, send("PUT", "/api/admin/users/" + second + "/roles", "[\"admin\",\"auditor\"]", secondToken)
                .status(), "keeping the admin role is always allowed");
    }
}
