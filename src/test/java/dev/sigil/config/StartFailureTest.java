package dev.sigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without the exit property (a server the user manages) a failed start records its problems and returns. */
class StartFailureTest {

    private final List<String> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(StartFailure.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        StartProblems.clear();
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
        StartProblems.clear();
    }

    @Test
    void aProblemFoundTwiceIsRecordedAndLoggedOnce() {
        assertFalse(StartFailure.exitsOnFailure(), "this test must not halt the JVM");
        // DatabaseCheck and the configuration bean both check the configuration.
        StartFailure.report(List.of("SIGIL_ACCESS_TOKEN_TTL is bad", "SIGIL_LOCKOUT_THRESHOLD is bad"));
        StartFailure.report(new InvalidConfiguration("SIGIL_ACCESS_TOKEN_TTL", "is bad"));
        assertEquals(List.of("SIGIL_ACCESS_TOKEN_TTL is bad", "SIGIL_LOCKOUT_THRESHOLD is bad"), StartProblems.all());
        assertEquals(List.of("Sigil cannot start: SIGIL_ACCESS_TOKEN_TTL is bad",
                "Sigil cannot start: SIGIL_LOCKOUT_THRESHOLD is bad"), logged);
    }

    @Test
    void noProblemMeansReady() {
        assertFalse(StartProblems.any());
        StartFailure.report(List.of("SIGIL_DB_URL jdbc:h2:mem:x: the database is unusable: no"));
        assertTrue(StartProblems.any());
    }
}
