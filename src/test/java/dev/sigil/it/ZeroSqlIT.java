package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6: a request authenticated by an access token runs no SQL. The main server's H2 database writes every
 * statement it receives to its trace file; a burst of authenticated GET /api/me must add none.
 */
class ZeroSqlIT {

    private static final int BURST = 200;

    private static long statements(Path trace) throws IOException {
        String text = Files.readString(trace);
        long count = 0;
        for (int i = text.indexOf("/*SQL"); i >= 0; i = text.indexOf("/*SQL", i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void burstOfAuthenticatedRequestsRunsZeroSqlStatements() throws Exception {
        SigilServer server = SigilServer.main();
        Accounts accounts = new Accounts(server);
        Path trace = server.dir().resolve("db/sigil.trace.db");
        String token = accounts.accessToken(accounts.createUser("zerosql"));

        long beforeLogin = statements(trace);
        accounts.accessToken(accounts.createUser("control"));
        assertTrue(statements(trace) > beforeLogin, "the statement counter sees the statements of a login");

        long before = statements(trace);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                calls.add(pool.submit(() -> server.http().get("/api/me", token).status()));
            }
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, statements(trace), "SQL statements received during " + BURST + " GET /api/me");
    }
}
