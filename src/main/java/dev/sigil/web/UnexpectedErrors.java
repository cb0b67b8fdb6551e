package dev.sigil.web;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Classifies errors that did not come as a {@link SigilException}, and answers the truly unexpected ones. */
final class UnexpectedErrors {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());
    private static final int MAX_DEPTH = 16;

    private UnexpectedErrors() {
    }

    /** A {@link SigilException} somewhere in the cause chain (e.g. thrown by a size-limited stream inside a parser). */
    static SigilException sigilCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SigilException sigil) {
                return sigil;
            }
        }
        return null;
    }

    /** True when the body could not be read as JSON or bound to the request type. */
    static boolean isMalformedJson(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
        }
        return false;
    }

    /**
     * 503 when the database did not answer (logged as one line: an outage must not flood the log with stack traces),
     * else a 500 incident.
     */
    static Response unavailableOrIncident(Throwable e, String instance) {
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warning(() -> "Database unavailable, answered 503 to " + instance + ": "
                    + DatabaseUnavailable.rootMessage(e));
            return ProblemDetail.responseFor(new DatabaseUnavailable(), instance);
        }
        return incident(e, instance);
    }

    /** 500 with an incident id that is also logged, so an operator can find the stack trace; the client gets none. */
    static Response incident(Throwable e, String instance) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return new ProblemDetail(500, "Internal server error",
                "An unexpected error occurred. Incident " + incident + ".", null, instance)
                .toResponse().build();
    }
}
