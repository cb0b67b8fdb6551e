package dev.sigil.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL server the integration tests use: the one at {@code -Dit.postgres.host} (default 127.0.0.1:5432,
 * user {@code -Dit.postgres.user}, default postgres, trust auth). Each test class creates its own database in it and
 * drops it afterwards.
 */
public final class TestPostgres {

    private static final String HOST = System.getProperty("it.postgres.host", "127.0.0.1:5432");
    private static final String USER = System.getProperty("it.postgres.user", "postgres");

    private TestPostgres() {
    }

    /** A fresh, empty database named after {@code prefix}; the caller drops it. */
    public static Database create(String prefix) {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = admin()) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + HOST + ": " + e.getMessage(), e);
        }
        return new Database(HOST, name, USER, "");
    }

    /** A connection to the server's maintenance database, as a superuser. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
    }

    /** One test database. */
    public record Database(String host, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + "/" + name;
        }

        /** The SIGIL_DB_* settings that point a Sigil node at this database. */
        public Map<String, String> sigilEnv() {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "SIGIL_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource",
                    "SIGIL_DB_URL", jdbcUrl(),
                    "SIGIL_DB_USER", user));
            if (!password.isEmpty()) {
                env.put("SIGIL_DB_PASSWORD", password);
            }
            return Map.copyOf(env);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        }

        /** Ends every connection to this database but the caller's own (a database that restarts, or a network cut). */
        public int terminateBackends() throws SQLException {
            try (Connection admin = admin(); var statement = admin.prepareStatement(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                statement.setString(1, name);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        }

        public void drop() {
            try (Connection admin = admin()) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }
}
