package dev.sigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseProblemTest {

    private static final String DB = "jdbc:postgresql://db:5432/sigil";

    private static String describe(SQLException driver) {
        // As Payara's pool hands it over: its own message, the driver's exception as the cause.
        return DatabaseProblem.describe(DB, "sigil", new SQLException("Error in allocating a connection", null, 0, driver));
    }

    @Test
    void unreachableServerIsNamed() {
        assertEquals("SIGIL_DB_URL " + DB + ": the database server is unreachable: Connection to db:5432 refused.",
                describe(new SQLException("Connection to db:5432 refused.", "08001")));
    }

    @Test
    void missingDatabaseIsNamed() {
        assertEquals("SIGIL_DB_URL " + DB + ": no such database: FATAL: database \"sigil\" does not exist",
                describe(new SQLException("FATAL: database \"sigil\" does not exist", "3D000")));
    }

    @Test
    void refusedCredentialsNameTheUser() {
        assertTrue(describe(new SQLException("FATAL: password authentication failed", "28P01"))
                .contains(": authentication failed for SIGIL_DB_USER 'sigil' (check SIGIL_DB_PASSWORD): FATAL"));
    }

    @Test
    void h2FileUrlInAnUnwritablePlaceIsFoundBeforeConnecting(@TempDir Path dir) {
        assertEquals(Optional.of("/proc/sigil"), DatabaseProblem.unwritableH2Directory("jdbc:h2:file:/proc/sigil/db"));
        assertEquals(Optional.empty(), DatabaseProblem.unwritableH2Directory("jdbc:h2:file:" + dir.resolve("d/sigil")));
        assertEquals(Optional.empty(), DatabaseProblem.unwritableH2Directory("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"));
        assertEquals(Optional.empty(), DatabaseProblem.unwritableH2Directory(DB));
    }
}
