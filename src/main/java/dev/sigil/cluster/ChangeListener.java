package dev.sigil.cluster;

import dev.sigil.revocation.RevocationCatchUp;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One node's ear: a dedicated connection that LISTENs for the changes other nodes commit and applies each as it
 * arrives. On (re)connect it first LISTENs, then catches up on what changed meanwhile, so nothing falls between the
 * two. While the connection is down it reads the changes itself every poll interval instead of trusting a view that
 * may be stale, and tries to reconnect. A slow safety timer catches up anyway, in case a notice was lost.
 */
final class ChangeListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    /** How long one wait for notices lasts; a notice ends the wait at once. Bounds how long a stop takes. */
    private static final int WAIT_MILLIS = 500;
    private static final int PING_TIMEOUT_SECONDS = 5;

    /** Opens the listener's own connection, outside the pool. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final ChangeApplier applier;
    private final ListenerState state;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration catchUpInterval;

    private volatile boolean running = true;
    private volatile Connection connection;
    private Instant nextCatchUp = Instant.MIN;
    private Instant downSince;

    ChangeListener(Connector connector, ChangeApplier applier, ListenerState state, Clock clock,
            Duration pollInterval, Duration catchUpInterval) {
        this.connector = connector;
        this.applier = applier;
        this.state = state;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.catchUpInterval = catchUpInterval;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (connection == null) {
                    connect();
                }
                receive();
                if (!clock.instant().isBefore(nextCatchUp)) {
                    ping();
                    safetyCatchUp();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                lost(e);
                // Until the listener is back, read the changes every poll interval rather than trust this view.
                catchUpOrNull();
                pause(pollInterval);
            }
        }
        closeConnection();
    }

    /** Ends the loop within one wait; the connection is closed on the way out. */
    void stop() {
        running = false;
    }

    private void connect() throws SQLException {
        Connection opened = connector.open();
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + ChangeNotice.CHANNEL);
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        connection = opened;
        String outage = downSince == null ? "" : " after " + seconds(Duration.between(downSince, clock.instant()))
                + " without it";
        downSince = null;
        state.moveTo(ListenerState.Mode.LISTENING, clock.instant(), null);
        RevocationCatchUp.Result result = catchUpOrNull();
        LOG.info("Change listener connected" + outage + "; caught up: "
                + (result == null ? "failed, retrying in " + pollInterval : result.applied() + " changes applied of "
                + result.read() + " read"));
    }

    private void receive() throws SQLException {
        PGNotification[] notices = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
        if (notices == null) {
            return;
        }
        for (PGNotification notice : notices) {
            ChangeNotice.parse(notice.getParameter()).ifPresentOrElse(this::apply,
                    () -> LOG.warning("Ignored a change notice this version does not understand: "
                            + abbreviated(notice.getParameter())));
        }
    }

    private void apply(ChangeNotice notice) {
        try {
            applier.apply(notice);
            state.noticeApplied();
        } catch (RuntimeException e) {
            // e.g. the keys could not be re-read: the next catch-up, soon, tries again.
            LOG.log(Level.WARNING, "Could not apply the change notice '" + notice.payload() + "'; catching up soon", e);
            nextCatchUp = clock.instant().plus(pollInterval);
        }
    }

    /** A query on the listener's connection, which otherwise only waits: finds a connection that died silently. */
    private void ping() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PING_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        }
    }

    /** A catch-up while listening finds something only when a notice was lost: worth one line. */
    private void safetyCatchUp() {
        RevocationCatchUp.Result result = catchUpOrNull();
        if (result != null && result.applied() > 0) {
            LOG.info("Change catch-up (safety timer): " + result.applied() + " changes applied of " + result.read()
                    + " read");
        }
    }

    private RevocationCatchUp.Result catchUpOrNull() {
        try {
            RevocationCatchUp.Result result = applier.catchUp();
            state.caughtUp(clock.instant(), result.applied());
            nextCatchUp = clock.instant().plus(connection == null ? pollInterval : catchUpInterval);
            return result;
        } catch (RuntimeException e) {
            // The database is unreachable for the pool too; the listener's warning has said so once already.
            LOG.log(Level.FINE, "Change catch-up failed", e);
            nextCatchUp = clock.instant().plus(pollInterval);
            return null;
        }
    }

    private void lost(Exception e) {
        closeConnection();
        if (downSince == null) {
            downSince = clock.instant();
            LOG.warning("Change listener connection down (" + e.getMessage() + "); reading changes every "
                    + pollInterval + " until it is back");
        }
        state.moveTo(ListenerState.Mode.POLLING, downSince, e.getMessage());
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // already dead: nothing to release
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
