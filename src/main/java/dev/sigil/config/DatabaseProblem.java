package dev.sigil.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** Turns the failure to open SIGIL_DB_URL into one line that says which of the usual causes it is. */
final class DatabaseProblem {

    // H2 error codes (org.h2.api.ErrorCode), kept as numbers: the driver is Payara's, not ours, at run time.
    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;
    private static final int H2_DATABASE_NOT_FOUND = 90146;
    private static final int H2_FILE_CORRUPTED_OR_UNWRITABLE = 90028;
    private static final int H2_ALREADY_OPEN = 90020;

    private DatabaseProblem() {
    }

    /** For an H2 file URL, the directory its files go to when that cannot be created or written; else empty. */
    static Optional<String> unwritableH2Directory(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.matches("jdbc:h2:(mem|tcp|ssl|zip):.*")) {
            return Optional.empty();
        }
        String location = url.substring("jdbc:h2:".length()).replaceFirst("^file:", "").replaceAll("[;].*$", "");
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        Path parent = Path.of(location).toAbsolutePath().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException | SecurityException e) {
            return Optional.of(parent.toString());
        }
        return Files.isWritable(parent) ? Optional.empty() : Optional.of(parent.toString());
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

    /** The driver's own exception (it has an SQL state) rather than the connection pool's wrapper around it. */
    private static SQLException sqlCause(Throwable failure) {
        SQLException outermost = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null) {
                    return sql;
                }
                if (sql.getNextException() != null && sql.getNextException().getSQLState() != null) {
                    return sql.getNextException();
                }
                outermost = outermost == null ? sql : outermost;
            }
        }
        return outermost;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        // H2 appends the SQL state and version: "... [90146-224]"
        return line.replaceAll("\\s*\\[\\d+-\\d+\\]$", "");
    }
}
