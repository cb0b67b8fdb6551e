package dev.sigil.config;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The driver's DataSource behind Sigil's {@code @DataSourceDefinition}, configured from MicroProfile Config
 * (SIGIL_DB_URL, SIGIL_DB_USER, SIGIL_DB_PASSWORD, SIGIL_DB_CLASS) rather than from expressions in the annotation:
 * Payara resolves {@code ${MPCONFIG=…}} there, WildFly neither that syntax nor any expression in {@code className}
 * (issue 13). The server's pool wraps this class as it wrapped the driver's; the vendor class follows the URL
 * (H2 or PostgreSQL) unless SIGIL_DB_CLASS names one.
 */
public class SigilDataSource implements DataSource {

    private volatile DataSource target;
    private String configPrefix = "sigil.db";
    private PrintWriter logWriter;
    private int loginTimeout;

    private DataSource target() throws SQLException {
        DataSource current = target;
        if (current == null) {
            synchronized (this) {
                if (target == null) {
                    target = create(ConfigProvider.getConfig(SigilDataSource.class.getClassLoader()), configPrefix);
                }
                current = target;
            }
        }
        return current;
    }

    /**
     * The MicroProfile Config keys read are {@code <prefix>.url}, {@code .user}, {@code .password} and {@code .class}.
     * Set from the definition's properties, also because WildFly's pool refuses a DataSource without one.
     */
    public void setConfigPrefix(String prefix) {
        this.configPrefix = prefix;
    }

    private static DataSource create(Config config, String prefix) throws SQLException {
        String url = value(config, prefix + ".url").orElse(SigilConfig.DEFAULT_DATABASE_URL);
        String className = value(config, prefix + ".class").orElse(url.startsWith("jdbc:postgresql:")
                ? "org.postgresql.ds.PGSimpleDataSource" : SigilConfig.DEFAULT_DATABASE_CLASS);
        try {
            Object source = Class.forName(className, true, SigilDataSource.class.getClassLoader())
                    .getConstructor().newInstance();
            set(source, "setURL", url);
            set(source, "setUser", value(config, prefix + ".user").orElse(SigilConfig.DEFAULT_DATABASE_USER));
            // MicroProfile Config treats an empty value as missing; an empty password is no password.
            Optional<String> password = value(config, prefix + ".password");
            if (password.isPresent()) {
                set(source, "setPassword", password.get());
            }
            return (DataSource) source;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SQLException("SIGIL_DB_CLASS " + className + " is not a usable JDBC DataSource: " + e, e);
        }
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class);
    }

    private static void set(Object source, String setter, String value) throws ReflectiveOperationException {
        source.getClass().getMethod(setter, String.class).invoke(source, value);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        // WildFly's pool passes the definition's (empty) user and password: the configured ones apply then.
        if (user == null || user.isEmpty()) {
            return getConnection();
        }
        return target().getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
