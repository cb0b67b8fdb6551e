package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A first run as a new user makes it (issue 9 #16 to #19, #21): the real server as a process, its exit status and the
 * lines it logs.
 */
class FirstRunIT {

    private static final String CANNOT_START = "Sigil cannot start: ";

    @Test
    void badSettingsEndTheProcessNamingEveryOneWithoutAStackTrace() {
        SigilServer server = SigilServer.dedicated("first-run-bad", Map.of(
                "SIGIL_ACCESS_TOKEN_TTL", "banana",
                "SIGIL_LOCKOUT_THRESHOLD", "many",
                "SIGIL_JWT_ALGORITHM", "PS256",
                "SIGIL_DB_URL", "jdbc:h2:mem:bad-settings;DB_CLOSE_DELAY=-1"));
        try {
            server.startExpectingFailure();
            assertTrue(server.exitCode().isPresent(), "the process ended; see " + server.log());
            assertNotEquals(0, server.exitCode().getAsInt());
            List<String> lines = server.logLinesOfThisStart();
            List<String> problems = lines.stream().filter(line -> line.contains(CANNOT_START))
                    .map(line -> line.substring(line.indexOf(CANNOT_START) + CANNOT_START.length())).toList();
            assertEquals(List.of(
                    "SIGIL_ACCESS_TOKEN_TTL is not an ISO-8601 duration such as PT5M or P14D: 'banana'",
                    "SIGIL_JWT_ALGORITHM must be one of RS256, ES256, HS256, not 'PS256'",
                    "SIGIL_LOCKOUT_THRESHOLD is not a whole number: 'many'"), problems, "see " + server.log());
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                    "no stack trace; see " + server.log());
            assertTrue(lines.stream().noneMatch(line -> line.contains(SigilServer.READY_MARK)));
        } finally {
            server.stop();
        }
    }

    @Test
    void unusableDatabasesEndTheProcessNamingSigilDbUrlAndTheCause() {
        assertStartFails("first-run-h2-unwritable", Map.of("SIGIL_DB_URL", "jdbc:h2:file:/proc/sigil/db"),
                "SIGIL_DB_URL jdbc:h2:file:/proc/sigil/db: the database file cannot be created: /proc/sigil is not a"
                        + " writable directory");
        int closedPort = freePort();
        assertStartFails("first-run-pg-unreachable", postgres("127.0.0.1:" + closedPort, "sigil", "postgres"),
                "SIGIL_DB_URL jdbc:postgresql://127.0.0.1:" + closedPort + "/sigil: the database server is unreachable:");
        String host = TestPostgres.host();
        assertStartFails("first-run-pg-no-database", postgres(host, "no_such_database_here", "postgres"),
                "SIGIL_DB_URL jdbc:postgresql://" + host + "/no_such_database_here: no such database:");
        assertStartFails("first-run-pg-no-role", postgres(host, "postgres", "no_such_role_here"),
                "SIGIL_DB_URL jdbc:postgresql://" + host + "/postgres: authentication failed for SIGIL_DB_USER"
                        + " 'no_such_role_here'");
    }

    @Test
    void generatedKeysInASharedDatabaseWarnOnceThatTheyAreUnencrypted() throws Exception {
        TestPostgres.Database database = TestPostgres.create("sigil_first_run");
        SigilServer server = SigilServer.dedicated("first-run-pg-keys", database.sigilEnv());
        try {
            server.start();
            List<String> warnings = server.logLinesOfThisStart().stream()
                    .filter(line -> line.contains("WARNING") && line.contains("UNENCRYPTED")).toList();
            assertEquals(1, warnings.size(), "see " + server.log());
            assertTrue(warnings.get(0).contains("Set SIGIL_KEY_ENCRYPTION_SECRET"), warnings.get(0));
            server.stop();
            server.env("SIGIL_KEY_ENCRYPTION_SECRET", SigilServer.randomSecret() + SigilServer.randomSecret());
            server.start();
            assertFalse(server.logOfThisStartContains("UNENCRYPTED"), "no warning once the secret is set");
        } finally {
            server.stop();
            database.drop();
        }
    }

    private static Map<String, String> postgres(String host, String database, String user) {
        return Map.of("SIGIL_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource",
                "SIGIL_DB_URL", "jdbc:postgresql://" + host + "/" + database, "SIGIL_DB_USER", user);
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a server that must end with a non-zero status after exactly one cannot-start line, {@code expected}. */
    private static void assertStartFails(String name, Map<String, String> env, String expected) {
        SigilServer server = SigilServer.dedicated(name, env);
        try {
            server.startExpectingFailure();
            assertTrue(server.exitCode().isPresent(), "the process ended; see " + server.log());
            assertNotEquals(0, server.exitCode().getAsInt());
            List<String> lines = server.logLinesOfThisStart();
            List<String> problems = lines.stream().filter(line -> line.contains(CANNOT_START)).toList();
            assertEquals(1, problems.size(), "see " + server.log());
            assertTrue(problems.get(0).contains(CANNOT_START + expected), problems.get(0));
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                    "no stack trace; see " + server.log());
        } finally {
            server.stop();
        }
    }

    @Test
    void firstStartEndsWithTheBannerAfterThePasswordAndRestartsTellTheTruth() throws Exception {
        // The embedded defaults: no database URL, no admin password, no bind address.
        SigilServer server = SigilServer.dedicated("first-run", Map.of("SIGIL_ADMIN_PASSWORD", ""));
        int schema = latestMigration();
        try {
            server.start();
            List<String> lines = server.logLinesOfThisStart();
            assertTrue(lines.size() <= 100, lines.size() + " lines from start to ready; see " + server.log());
            String banner = lines.get(lines.size() - 1);
            assertTrue(banner.contains("Sigil ready at http://127.0.0.1:" + server.base().getPort() + " (issuer "
                    + server.issuer() + ", database jdbc:h2:file:./data/sigil)"), banner);
            assertTrue(lines.get(lines.size() - 2).contains("generated password: "), lines.get(lines.size() - 2));
            assertEquals(1, lines.stream().filter(line -> line.contains(SigilServer.READY_MARK)).count());
            assertTrue(lines.stream().noneMatch(line -> line.contains("has expired") || line.contains("no value found")),
                    "no certificate or config noise; see " + server.log());
            assertTrue(lines.stream().noneMatch(line -> line.contains("UNENCRYPTED")),
                    "the embedded database stays zero-config");
            assertTrue(lines.stream().anyMatch(line -> line.contains("Schema at version " + schema + " (")), "see " + server.log());

            // Issue 9 #18: the dev run is not reachable from the network.
            Optional<InetAddress> lan = nonLoopbackAddress();
            lan.ifPresent(address -> assertFalse(accepts(address, server.base().getPort()),
                    "the listener must not answer on " + address));
            String generated = server.adminPassword();
            Accounts accounts = new Accounts(server);
            String oldToken = accounts.login("admin", generated).getString("access_token");

            // Issue 9 #19 and #21: a restart with SIGIL_ADMIN_PASSWORD says it is ignored and names the real schema.
            server.stop();
            server.env("SIGIL_ADMIN_PASSWORD", "a new admin password 1");
            server.start();
            List<String> restart = server.logLinesOfThisStart();
            assertEquals(1, restart.stream().filter(line -> line.contains("SIGIL_ADMIN_PASSWORD is ignored")).count(),
                    "see " + server.log());
            assertTrue(restart.stream().anyMatch(line -> line.contains("Schema at version " + schema + " (0 migrations applied")),
                    "see " + server.log());
            assertTrue(restart.stream().noneMatch(line -> line.contains("version null")));
            assertTrue(restart.stream().noneMatch(line -> line.contains("generated password")));
            assertTrue(restart.get(restart.size() - 1).contains(SigilServer.READY_MARK));
            assertEquals(200, accounts.tryLogin("admin", generated).status(), "the password did not change");
            assertEquals(401, accounts.tryLogin("admin", "a new admin password 1").status());

            // The supported way back in: SIGIL_ADMIN_RESET_PASSWORD=true with the new password, for one start.
            server.stop();
            server.env("SIGIL_ADMIN_RESET_PASSWORD", "true");
            server.start();
            assertTrue(server.logOfThisStartContains("Reset the password of 'admin'"), "see " + server.log());
            assertEquals(200, accounts.tryLogin("admin", "a new admin password 1").status());
            assertEquals(401, accounts.tryLogin("admin", generated).status());
            assertEquals(401, server.http().get("/api/me", oldToken).status(), "tokens from before the reset die");
        } finally {
            server.stop();
        }
    }

    @Test
    void bindAddressVariableOpensTheListenerToTheNetwork() {
        Optional<InetAddress> lan = nonLoopbackAddress();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        SigilServer server = SigilServer.dedicated("first-run-open", Map.of("SIGIL_BIND_ADDRESS", "0.0.0.0",
                "SIGIL_DB_URL", "jdbc:h2:mem:open;DB_CLOSE_DELAY=-1"));
        try {
            server.start();
            assertTrue(accepts(lan.get(), server.base().getPort()), "listening on " + lan.get());
            assertTrue(server.logOfThisStartContains("Sigil ready at http://localhost:" + server.base().getPort()));
        } finally {
            server.stop();
        }
    }

    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The highest Vn of the migration files: what a migrated schema reports. */
    private static int latestMigration() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
        }
    }
}
