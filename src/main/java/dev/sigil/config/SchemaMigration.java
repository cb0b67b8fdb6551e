package dev.sigil.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Checks the configuration and migrates the schema before anything else runs. The datasource is defined here; its
 * class, URL, user and password come from MicroProfile Config (SIGIL_DB_*, {@link SigilDataSource}).
 * A database that cannot be opened stops the start with one line naming SIGIL_DB_URL and the cause
 * ({@link StartFailure}); after an earlier problem nothing is migrated.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/sigil",
        // No URL, user or password here: SigilDataSource reads SIGIL_DB_* through MicroProfile Config on every
        // server (issue 13), and WildFly resolves no expression in className.
        className = "dev.sigil.config.SigilDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        // Payara's pool properties (issue 10 item 4). Without validation the pool hands out connections whose
        // server session was ended (a database restart, pg_terminate_backend, a network cut) for ever. Each
        // checkout is validated with JDBC 4 Connection.isValid, a round trip on PostgreSQL that works on H2 alike;
        // a dead one is destroyed and another taken or opened. Not fish.payara.fail-all-connections: under concurrent
        // checkouts its pool resize raced in Payara 6.2025.10 (IllegalStateException "Task already scheduled or
        // cancelled" from ConnectionPool.scheduleResizerTask, answered as a 500).
        // These are Payara-specific: WildFly drops them with one WARNING each (WFLYJCA0033, no such setter on the
        // DataSource), and its pool validates nothing (issue 13).
        properties = {
                "configPrefix=sigil.db",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation"
        })
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/sigil")
    DataSource dataSource;

    @Inject
    SigilConfig config;

    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        if (StartProblems.any()) {
            // The configuration or the database check (DatabaseCheck) failed already; /health/ready says what.
            return;
        }
        LOG.info(() -> "Sigil configuration: " + config);
        try {
            checkConnection();
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            makeCommitsDurable();
            MigrationInfo current = flyway.info().current();
            migrated = true;
            LOG.info(() -> "Schema at version " + (current == null ? "(none)" : current.getVersion()) + " ("
                    + applied + " migrations applied now)");
        } catch (SQLException | FlywayException e) {
            StartFailure.report(new InvalidConfiguration(List.of(
                    DatabaseProblem.describe(config.databaseLabel(), config.databaseUser(), e))));
        }
    }

    private void checkConnection() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(2);
        }
    }

    /**
     * H2 writes its log lazily by default (WRITE_DELAY 500 ms): a crash then loses commits whose answer already left,
     * and a spent refresh token or a logout comes back. The default URL says WRITE_DELAY=0; this makes any other H2
     * file URL durable too, unless it names a WRITE_DELAY of its own.
     */
    private void makeCommitsDurable() {
        String url = config.databaseUrl().toUpperCase(Locale.ROOT);
        if (!config.embeddedDatabase() || url.startsWith("JDBC:H2:MEM:") || url.contains("WRITE_DELAY=")) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException notAdmin) {
            // Only an H2 admin may change it; the database then keeps the write delay it has.
            LOG.warning("Could not SET WRITE_DELAY 0 on " + config.databaseLabel() + " (" + notAdmin.getMessage()
                    + "): commits answered in the last moments before a crash may be lost; add WRITE_DELAY=0 to"
                    + " SIGIL_DB_URL");
        }
    }

    public boolean isMigrated() {
        return migrated;
    }
}
