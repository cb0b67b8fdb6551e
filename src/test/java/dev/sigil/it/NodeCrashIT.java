package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 #5: a node killed with SIGKILL in the middle of a burst of refreshes loses no committed session. Clients
 * refresh on node A as fast as they can; A is killed; each client then presents the newest refresh token it holds to
 * node B. Whether its last request on A committed (its answer lost: the token it holds is now the predecessor, within
 * the reuse grace) or not (the token it holds is still the live one), B must answer 200 and the session goes on.
 */
class NodeCrashIT {

    private static final int CLIENTS = 12;
    private static final long BURST_MILLIS = 3000;

    private static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start("crash", Map.of());
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aNodeKilledInABurstOfRefreshesLosesNoSessionAndUnansweredClientsRetryOnTheOtherNode() throws Exception {
        Accounts onB = new Accounts(nodes.b);
        List<AtomicReference<String>> newest = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String username = onB.createUser("crash");
            newest.add(new AtomicReference<>(onB.login(username, Accounts.PASSWORD).getString("refresh_token")));
        }
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            AtomicReference<String> token = newest.get(i);
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                while (!killed.get()) {
                    Http.Reply reply;
                    try {
                        reply = refresh(nodes.a, token.get());
                    } catch (RuntimeException connectionLost) {
                        unanswered.incrementAndGet();
                        return;
                    }
                    if (reply.status() == 200) {
                        token.set(reply.json().getString("refresh_token"));
                        acknowledged.incrementAndGet();
                    } else {
                        unexpected.add(reply.toString());
                        return;
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        go.countDown();
        Thread.sleep(BURST_MILLIS);
        nodes.a.kill();
        killed.set(true);
        for (Thread client : clients) {
            client.join(30_000);
        }
        assertEquals(List.of(), unexpected, "answers other than 200 during the burst");
        assertTrue(acknowledged.get() >= CLIENTS, "refreshes answered before the kill: " + acknowledged.get());
        System.out.println("NodeCrashIT: " + acknowledged.get() + " refreshes answered on A before the SIGKILL, "
                + unanswered.get() + " cut off by it");

        int working = 0;
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Http.Reply retried = refresh(nodes.b, newest.get(i).get());
            if (retried.status() == 200) {
                Http.Reply next = refresh(nodes.b, retried.json().getString("refresh_token"));
                assertEquals(200, next.status(), "the session goes on after the retry: " + next);
                assertEquals(200, nodes.b.http().get("/api/me", next.json().getString("access_token")).status());
                working++;
            } else {
                refused.add("client " + i + ": " + retried);
            }
        }
        assertEquals(CLIENTS, working, "clients whose newest token works on B after A was killed: " + refused);
    }

    private static Http.Reply refresh(SigilServer node, String token) {
        return node.http().postJson("/api/auth/refresh",
                Json.createObjectBuilder().add("refresh_token", token).build().toString());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
