package dev.sigil.config;

import java.sql.SQLException;

/** Turns the failure to open SIGIL_DB_URL into one line that says which of the usual causes it is. */
final class DatabaseProblem {

    // H2 error codes (org.h2.api.ErrorCode), kept as numbers: the driver is Payara's, not ours, at run time.
    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;
    private static final int H2_DATABASE_NOT_FOUND = 90146;
    private static final int H2_FILE_CORRUPTED_OR_UNWRITABLE = 90028;
    private static final int H2_ALREADY_OPEN = 90020;

    private DatabaseProblem() {
    }

    static String describe(String database, String user, Throwable failure) {
        SQLException sql = sqlCause(failure);
        String detail = firstLine(sql != null ? sql.getMessage() : String.valueOf(failure.getMessage()));
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        String cause;
        if (state.startsWith("28") || code == H2_WRONG_USER_OR_PASSWORD) {
            cause = "authentication failed for SIGIL_DB_USER '" + user + "' (check SIGIL_DB_PASSWORD)";
        } else if (state.equals("3D000") || code == H2_DATABASE_NOT_FOUND) {
            cause = "no such database";
        } else if (state.startsWith("08")) {
            cause = "the database server is unreachable";
        } else if (code == H2_ALREADY_OPEN) {
            cause = "the database file is in use by another process";
        } else if (code == H2_FILE_CORRUPTED_OR_UNWRITABLE) {
            cause = "the database file cannot be opened or written";
        } else {
            cause = "the database is unusable";
        }
        return "SIGIL_DB_URL " + database + ": " + cause + ": " + detail;
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        // H2 appends the SQL state and version: "... [90146-224]"
        return line.replaceAll("\\s*\\[\\d+-\\d+\\]$", "");
    }
}
