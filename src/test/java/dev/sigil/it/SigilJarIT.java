package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * target/sigil.jar started exactly as the README's run and deploy commands start it
 * ({@code java @src/main/payara/jvm.options -jar target/sigil.jar --port N}): the WAR at "/", the preboot file and the
 * logging configuration baked in, no Hazelcast. One server for the class.
 */
class SigilJarIT {

    private static SigilServer server;

    @BeforeAll
    static void start() {
        server = SigilServer.dedicated("single-jar", Map.of(
                "SIGIL_DB_URL", "jdbc:h2:mem:single-jar;DB_CLOSE_DELAY=-1", "SIGIL_PURGE_INTERVAL", "PT1S"))
                .asSingleJar().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void wrongPasswordIsRefusedAndTheAdminLogsInAtTheRootContext() {
        Accounts accounts = new Accounts(server);
        assertEquals(401, accounts.tryLogin("admin", server.adminPassword() + "x").status());
        String token = accounts.login("admin", server.adminPassword()).getString("access_token");
        Http.Reply me = server.http().get("/api/me", token);
        assertEquals(200, me.status(), me.toString());
        assertEquals("admin", me.json().getString("username"));
    }

    @Test
    void isReadyWithTheBakedInFlags() {
        Http.Reply ready = server.http().get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        // logging.properties is baked in: Sigil's banner, none of Payara's start-up chatter.
        assertTrue(server.logOfThisStartContains(SigilServer.READY_MARK), "see " + server.log());
        assertFalse(server.logOfThisStartContains("SSL certificate with alias"), "see " + server.log());
        // preboot.asadmin is baked in: the listener is on 127.0.0.1 and an oversized Authorization header gets
        // Sigil's own 401, not Grizzly's bare 400 (8 KiB header limit).
        Http.Reply big = server.http().get("/api/me", "x".repeat(20_000));
        assertEquals(401, big.status(), big.toString());
    }

    @Test
    void purgeRunsWithoutTheEjbTimerService() {
        // --nohazelcast replaces the EJB timer service by a dummy; the purge runs on the managed executor instead.
        assertFalse(server.logOfThisStartContains("Purge failed"), "see " + server.log());
        assertFalse(server.logOfThisStartContains("EJB Timer Service"), "see " + server.log());
    }

    @Test
    void listensOnItsHttpPortAndNothingElse() throws IOException {
        // --nohazelcast alone left a Hazelcast member listening on *:6900; preboot.asadmin switches the grid off.
        assertEquals(Set.of(server.base().getPort()), listeningPorts(server.pid()),
                "an authentication server must not open ports beyond its HTTP listener");
    }

    /** TCP ports in LISTEN state whose sockets belong to the process (its /proc fd links against /proc/net/tcp*). */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // a descriptor closed while listing
                }
            });
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[3].equals("0A") && inodes.contains(f[9]))
                        .forEach(f -> ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return ports;
    }
}
