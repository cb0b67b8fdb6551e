package dev.sigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private static Throwable wrapped(Throwable cause) {
        return new PersistenceException("outer", new RuntimeException("middle", cause));
    }

    @Test
    void aConstraintViolationOrAPlainBugIsNotAnOutage() {
        assertFalse(DatabaseUnavailable.isCause(wrapped(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.isCause(wrapped(new SQLException("no state"))));
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("bug")));
        assertFalse(DatabaseUnavailable.isCause(wrapped(new XAException(XAException.XA_RBROLLBACK))));
    }

    @Test
    void aLostOrUnobtainableConnectionAnywhereInTheChainIsAnOutage() {
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("connection closed", "08003"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new SQLTransientConnectionException("timeout"))));
        assertTrue(DatabaseUnavailable.isCause(wrapped(new ResourceAllocationException("no connection"))));
        SystemException atCommit = new SystemException();
        atCommit.initCause(new XAException(XAException.XAER_RMERR));
        assertTrue(DatabaseUnavailable.isCause(wrapped(atCommit)));
    }

    @Test
    void itIsA503WithRetryAfterAndTheOAuthCode() {
        DatabaseUnavailable e = new DatabaseUnavailable();
        assertEquals(503, e.status());
        assertEquals("temporarily_unavailable", e.error().orElseThrow());
        assertEquals("2", e.headers().get("Retry-After"));
    }
}
