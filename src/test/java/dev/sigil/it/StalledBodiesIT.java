package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sockets that declare a body and never send it: each is answered 408 within a few seconds, without a stack trace in
 * the log, and the server keeps answering other requests while 300 of them hang.
 */
class StalledBodiesIT {

    private static final int STALLED = 300;

    private static SigilServer server;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
    }

    @Test
    void threeHundredStalledBodiesGet408AndPingStillAnswers() throws IOException {
        long logStart = Files.size(server.log());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = RawHttp.open(server.base());
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user")
                        .getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            // Every stalled body holds a worker thread until its read times out; ping needs one more.
            sleep(Duration.ofSeconds(1)); // until the server has handed each socket to a worker
            Http.Reply ping = server.http().send(server.http().request("/api/ping").timeout(Duration.ofSeconds(10)).GET());
            assertEquals(200, ping.status(), ping::toString);

            for (Socket socket : sockets) {
                String answer = RawHttp.readResponse(socket.getInputStream());
                assertEquals("HTTP/1.1 408 Request Timeout", RawHttp.statusLine(answer), answer);
                assertTrue(answer.contains("application/problem+json"), answer);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        String log = logSince(logStart);
        assertFalse(log.contains("SEVERE"), log);
        assertFalse(log.contains("\tat "), log);
    }

    @Test
    void aBodyThatStopsHalfwayGetsAProblem408() {
        String answer = RawHttp.exchange(server.base(), "POST /api/auth/refresh HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{\"refresh_token\":");
        assertEquals("HTTP/1.1 408 Request Timeout", RawHttp.statusLine(answer), answer);
        assertTrue(RawHttp.body(answer).contains("\"status\":408"), answer);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(server.log().toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
