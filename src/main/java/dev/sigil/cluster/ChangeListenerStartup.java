package dev.sigil.cluster;

import dev.sigil.config.SigilConfig;
import dev.sigil.config.StartProblems;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Starts this node's change listener when the database is PostgreSQL (several nodes may share it), after the keys and
 * the revocations have been loaded. Its connection is its own, outside the pool: a LISTEN belongs to one session,
 * and a pooled connection could be handed to a request or replaced at any time.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "KeyRingStartup", "RevocationStartup"})
public class ChangeListenerStartup {

    private static final Logger LOG = Logger.getLogger(ChangeListenerStartup.class.getName());
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Inject
    SigilConfig config;

    @Inject
    ChangeApplier applier;

    @Inject
    ListenerState state;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private ChangeListener listener;
    private Thread thread;

    @PostConstruct
    void start() {
        if (StartProblems.any()) {
            return;
        }
        if (!config.postgresDatabase()) {
            state.moveTo(ListenerState.Mode.NOT_USED, clock.instant(), null);
            return;
        }
        listener = new ChangeListener(this::openConnection, applier, state, clock, config.listenerPollInterval(),
                config.catchUpInterval());
        thread = threads.newThread(listener);
        thread.setName("sigil-change-listener");
        thread.setDaemon(true);
        thread.start();
        LOG.fine(() -> "Change listener started on " + config.databaseLabel());
    }

    @PreDestroy
    void stop() {
        if (listener == null) {
            return;
        }
        listener.stop();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names the node in pg_stat_activity, so that an operator can tell the listeners apart (at most 63 bytes). */
    private String applicationName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        String suffix = ":" + config.port();
        String name = "sigil-listener " + host;
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
    }

    private Connection openConnection() throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(config.databaseUrl());
        source.setUser(config.databaseUser());
        String password = System.getenv("SIGIL_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            source.setPassword(password);
        }
        source.setApplicationName(applicationName());
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setTcpKeepAlive(true);
        Connection connection = source.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }
}
