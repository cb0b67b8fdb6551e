package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 #12: every refresh answered 200 survives a crash. Ten clients refresh in a burst on the embedded default
 * database, the server is killed with SIGKILL in the middle of it, and restarted on the same files: each client's
 * newest token (the last one it got a 200 for) still works. With H2's lazy writes none did.
 */
class CrashDurabilityIT {

    private static final int CLIENTS = 10;
    private static final long BURST_MILLIS = 3000;

    @Test
    void everyAcknowledgedRefreshSurvivesASigkill() throws Exception {
        // No SIGIL_DB_URL: the default H2 file under the server's ./data, as a user runs it.
        SigilServer server = SigilServer.dedicated("crash-durability", Map.of());
        try {
            server.start();
            Accounts accounts = new Accounts(server);
            List<AtomicReference<String>> newest = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String username = accounts.createUser("crash");
                newest.add(new AtomicReference<>(accounts.login(username, Accounts.PASSWORD).getString("refresh_token")));
            }
            AtomicBoolean crashed = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            int[] acknowledged = new int[CLIENTS];
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Thread thread = new Thread(() -> {
                    awaitQuietly(go);
                    while (!crashed.get()) {
                        try {
                            Http.Reply reply = server.http().postJson("/api/auth/refresh", refreshJson(newest.get(client).get()));
                            if (reply.status() == 200 && !crashed.get()) {
                                newest.get(client).set(reply.json().getString("refresh_token"));
                                acknowledged[client]++;
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }
            go.countDown();
            Thread.sleep(BURST_MILLIS);
            server.kill();
            crashed.set(true);
            for (Thread client : clients) {
                client.join(30_000);
            }
            for (int count : acknowledged) {
                assertTrue(count > 0, "every client got refreshes answered before the crash");
            }

            server.start();
            int working = 0;
            for (int i = 0; i < CLIENTS; i++) {
                Http.Reply reply = server.http().postJson("/api/auth/refresh", refreshJson(newest.get(i).get()));
                if (reply.status() == 200) {
                    working++;
                }
            }
            assertEquals(CLIENTS, working, "clients whose newest acknowledged refresh token still works after the"
                    + " crash; see " + server.log());
        } finally {
            server.stop();
        }
    }

    private static String refreshJson(String token) {
        return Json.createObjectBuilder().add("refresh_token", token).build().toString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
