package dev.sigil.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
 */
public class DatabaseCheck implements SessionCustomizer {

    private static final String DATA_SOURCE = "java:app/jdbc/sigil";

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
        String url = lookup.apply("sigil.db.url").orElse(SigilConfig.DEFAULT_DATABASE_URL);
        Optional<String> directory = DatabaseProblem.unwritableH2Directory(url);
        if (directory.isPresent()) {
            // Checked before connecting: H2 prints its own stack traces to stderr when it cannot write its files.
            problems.add("SIGIL_DB_URL " + SigilConfig.labelOf(url) + ": the database file cannot be created: "
                    + directory.get() + " is not a writable directory");
        } else {
            try (Connection connection = dataSource(session).getConnection()) {
                connection.isValid(2);
            } catch (SQLException e) {
                String user = lookup.apply("sigil.db.user").orElse(SigilConfig.DEFAULT_DATABASE_USER);
                problems.add(DatabaseProblem.describe(SigilConfig.labelOf(url), user, e));
            }
        }
        if (!problems.isEmpty()) {
            // Ends the JVM under the run and deploy commands; otherwise the deployment fails as it would have.
            StartFailure.report(problems);
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
