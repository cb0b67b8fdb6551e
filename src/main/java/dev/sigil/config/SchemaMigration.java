package dev.sigil.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Checks the configuration and migrates the schema before anything else runs. The datasource is defined here,
 * with its class, URL and user resolved from MicroProfile Config (SIGIL_DB_*) and the password from the environment.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/sigil",
        className = "${MPCONFIG=sigil.db.class}",
        url = "${MPCONFIG=sigil.db.url}",
        user = "${MPCONFIG=sigil.db.user}",
        // MicroProfile Config treats an empty value as missing, and Payara then passes the unresolved expression
        // on as the password; the ENV form takes an empty default.
        password = "${ENV=SIGIL_DB_PASSWORD:}",
        minPoolSize = 2,
        maxPoolSize = 32)
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
        LOG.info(() -> "Sigil configuration: " + config);
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied)");
    }

    public boolean isMigrated() {
        return migrated;
    }
}
