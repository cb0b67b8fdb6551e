package dev.sigil.web;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import javax.transaction.xa.XAException;

/**
 * 503 + {@code Retry-After}: the database did not answer (a cut connection, a restart, a pool with no connection to
 * give). Nothing was wrong with the request; the same request succeeds once the database is back.
 */
public class DatabaseUnavailable extends SigilException {

    private static final int MAX_DEPTH = 32;

    public DatabaseUnavailable() {
        super(503, "temporarily_unavailable", "Service unavailable",
                "The database is not answering. Retry shortly.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "2");
    }

    /**
     * True when a lost or unobtainable database connection is somewhere in the cause chain: SQLSTATE class 08
     * (connection exception), 57P (PostgreSQL: the server ended the session or is starting or stopping), the JDBC
     * connection exception types, a connector pool that could not hand out a connection, or a resource-manager error
     * at commit: the database is Sigil's only transactional resource, and the container's XAException carries the
     * lost connection only in its message.
     */
    public static boolean isCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ResourceException) {
                return true;
            }
            if (t instanceof XAException xa
                    && (xa.errorCode == XAException.XAER_RMERR || xa.errorCode == XAException.XAER_RMFAIL)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of the chain, for one log line instead of a stack trace. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t.getCause() != null && depth < MAX_DEPTH; depth++) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
