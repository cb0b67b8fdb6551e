package dev.sigil.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * The earliest point of a start that runs Sigil's code: Payara deploys the persistence unit, and so connects to the
 * database, before any bean exists. This customizer runs just before that connection; it checks the configuration
 * and opens the database once, so that every bad setting and an unusable database (unreachable, no such database,
 * authentication failed) are reported together through {@link StartFailure}, not as EclipseLink's stack trace.
 * Outside the exit mode it must not throw, and an unusable database must not fail the deployment either: the unit is
 * then deployed without connecting, so that Sigil stays deployed, not ready.
 */
public class DatabaseCheck implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(DatabaseCheck.class.getName());
    private static final String DATA_SOURCE = "java:app/jdbc/sigil";
    private static final String PRODUCT_NAME = "jakarta.persistence.database-product-name";

    @Override
    public void customize(Session session) throws NamingException {
        Config config = ConfigProvider.getConfig(DatabaseCheck.class.getClassLoader());
        Function<String, Optional<String>> lookup = name -> config.getOptionalValue(name, String.class);
        List<String> problems = new ArrayList<>();
        try {
            SigilConfig.from(lookup);
        } catch (InvalidConfiguration e) {
            problems.addAll(e.problems());
        }
        Optional<String> database = databaseProblem(session, lookup);
        database.ifPresent(problems::add);
        if (!problems.isEmpty()) {
            // Ends the JVM under the run and deploy commands; otherwise it records the problems and returns.
            StartFailure.report(problems);
        }
        if (database.isPresent()) {
            deployWithoutConnecting(session, lookup.apply("sigil.db.url").orElse(SigilConfig.DEFAULT_DATABASE_URL));
        }
    }

    private static Optional<String> databaseProblem(Session session, Function<String, Optional<String>> lookup)
            throws NamingException {
        String url = lookup.apply("sigil.db.url").orElse(SigilConfig.DEFAULT_DATABASE_URL);
        Optional<String> directory = DatabaseProblem.unwritableH2Directory(url);
        if (directory.isPresent()) {
            // Checked before connecting: H2 prints its own stack traces to stderr when it cannot write its files.
            return Optional.of("SIGIL_DB_URL " + SigilConfig.labelOf(url) + ": the database file cannot be created: "
                    + directory.get() + " is not a writable directory");
        }
        try (Connection connection = dataSource(session).getConnection()) {
            connection.isValid(2);
            return Optional.empty();
        } catch (SQLException e) {
            String user = lookup.apply("sigil.db.user").orElse(SigilConfig.DEFAULT_DATABASE_USER);
            return Optional.of(DatabaseProblem.describe(SigilConfig.labelOf(url), user, e));
        }
    }

    /**
     * Payara creates an EntityManager while it deploys, and EclipseLink's login would then fail the deployment. As when
     * it generates a schema without a database, EclipseLink takes the platform from the product name instead of a
     * connection, and starts no connection pool when no connection is required; any later use of the unit fails.
     */
    private static void deployWithoutConnecting(Session session, String url) {
        session.setProperty(PRODUCT_NAME, url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2");
        try {
            // EclipseLink-internal (4.0), hence by reflection; the setter exists for that schema generation.
            Class<?> provider = Class.forName("org.eclipse.persistence.internal.jpa.EntityManagerFactoryProvider",
                    true, DatabaseCheck.class.getClassLoader());
            Object setup = provider.getMethod("getEntityManagerSetupImpl", String.class).invoke(null, session.getName());
            setup.getClass().getMethod("setRequiresConnection", boolean.class).invoke(setup, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("Could not keep EclipseLink from connecting, so the deployment fails: " + e);
        }
    }

    private static DataSource dataSource(Session session) throws NamingException {
        if (session.getDatasourceLogin() instanceof DatasourceLogin login
                && login.getConnector() instanceof JNDIConnector connector && connector.getDataSource() != null) {
            return connector.getDataSource();
        }
        return (DataSource) new InitialContext().lookup(DATA_SOURCE);
    }
}
