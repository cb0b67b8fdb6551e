package dev.sigil.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Payara Micro process running the built WAR, as a user would start it; with {@code -Dit.server=wildfly}
 * (failsafe execution wildfly-it) a real WildFly running the same WAR instead. Servers are shared by name across
 * test classes (each boot costs ~10 s) and stopped when the test JVM exits. Each test creates its own users.
 */
public final class SigilServer {

    private static final Map<String, SigilServer> SHARED = new ConcurrentHashMap<>();
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private final String name;
    private final Path dir;
    private final Map<String, String> env;
    private final int port;
    private final String adminPassword;
    private Process process;
    private boolean exitOnStartFailure = true;
    private boolean withConsumer;

    private SigilServer(String name, Map<String, String> env) {
        this.name = name;
        this.dir = dirOf(name);
        this.port = freePort();
        this.adminPassword = randomSecret();
        this.env = new HashMap<>(env);
        this.env.putIfAbsent("SIGIL_ADMIN_PASSWORD", adminPassword);
        // An empty value asks for the server's own generated admin password.
        this.env.remove("SIGIL_ADMIN_PASSWORD", "");
        this.env.put("PORT", Integer.toString(port));
    }

    /**
     * The default test server: RS256 with a key file written at test time (so tests can sign tokens with the server's
     * own key), and an H2 file database that traces every SQL statement it receives (for the zero-SQL proof).
     */
    public static SigilServer main() {
        return shared("main", () -> {
            Path dir = dirOf("main");
            Path key = dir.resolve("signing-key.pem");
            MainServerKey.write(key);
            return Map.of(
                    "SIGIL_JWT_KEY_FILE", key.toString(),
                    "SIGIL_DB_URL", "jdbc:h2:file:" + dir.resolve("db/sigil") + ";TRACE_LEVEL_FILE=2",
                    // no scheduled purge during the zero-SQL burst
                    "SIGIL_PURGE_INTERVAL", "PT24H");
        });
    }

    /** A server shared by name; {@code env} is asked for only when the server is first started. */
    public static SigilServer shared(String name, java.util.function.Supplier<Map<String, String>> env) {
        return SHARED.computeIfAbsent(name, n -> {
            wipe(dirOf(n));
            SigilServer server = new SigilServer(n, env.get());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return server;
        });
    }

    /** A fresh server owned by the caller, not yet started; the caller must {@link #stop()} it. */
    public static SigilServer dedicated(String name, Map<String, String> env) {
        wipe(dirOf(name));
        return new SigilServer(name, env);
    }

    static Path dirOf(String name) {
        return Path.of(System.getProperty("it.dir", "target/it")).resolve(name).toAbsolutePath();
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SigilServer start() {
        try {
            Files.createDirectories(dir);
            launch();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ON_WILDFLY) {
            command = wildFlyCommand();
        } else if (singleJar) {
            // Exactly the README's command: the JVM flags of the argument file, the one jar, a port.
            command.addAll(List.of("@" + required("sigil.jvm.options"), "-jar", required("sigil.jar"),
                    "--port", Integer.toString(port)));
        } else {
            command.addAll(warCommand());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SIGIL_") || name.startsWith("MP_JWT_"));
        builder.environment().putAll(env);
        if (ON_WILDFLY) {
            // standalone.sh takes the JVM flags from JAVA_OPTS (and then adds the module flags it needs itself).
            builder.environment().put("JAVA_OPTS", System.getProperty("it.jvm.options", "-XX:+UseSerialGC").trim()
                    + " -Xmx512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        logOffset = Files.exists(log()) ? Files.size(log()) : 0;
        readyMarkSeenAt = null;
        process = builder.start();
    }

    /** Payara Micro with the WAR, the flags of the jar (pom.xml, sigil-jar) given on the command line. */
    private List<String> warCommand() {
        List<String> command = new ArrayList<>(
                List.of(System.getProperty("it.jvm.options", "-XX:+UseSerialGC").trim().split("\\s+")));
        if (exitOnStartFailure) {
            // The flags of the README's run and deploy commands: a failed start ends the process.
            command.add("-Dsigil.exit-on-start-failure=true");
        }
        command.addAll(List.of("-jar", required("payara.jar"), "--deploy", required("sigil.war"),
                "--contextroot", "/", "--port", Integer.toString(port), "--nocluster", "--nohazelcast",
                "--disablephonehome", "--prebootcommandfile", required("payara.preboot"),
                "--logproperties", required("payara.logging")));
        if (withConsumer) {
            // Payara Micro: "--deploy <war>:<context root>"
            command.addAll(List.of("--deploy", required("consumer.war") + ":" + CONSUMER));
        }
        return command;
    }

    /** True when this test JVM runs its servers on WildFly (the failsafe execution wildfly-it). */
    public static final boolean ON_WILDFLY = "wildfly".equals(System.getProperty("it.server"));

    /**
     * The WildFly that the build unpacked and configured (src/main/wildfly/configure.cli: the WAR beside it at "/",
     * /health forwarded to the management port), with a server directory of this server's own (its configuration
     * copied there, its data, log and deployments) and ports of its own.
     */
    private List<String> wildFlyCommand() throws IOException {
        Path home = Path.of(required("wildfly.home"));
        Path base = dir.resolve("wildfly");
        if (!Files.exists(base.resolve("configuration"))) {
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        }
        Files.createDirectories(base.resolve("deployments"));
        if (withConsumer) {
            // the deployment scanner deploys it at boot, at /consumer (the file's name)
            Files.copy(Path.of(required("consumer.war")), base.resolve("deployments/consumer.war"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "sigil.xml", "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + port, "-Djboss.https.port=" + freePort(),
                "-Djboss.management.http.port=" + freePort(), "-Djboss.management.https.port=" + freePort()));
        if (exitOnStartFailure) {
            command.add("-Dsigil.exit-on-start-failure=true");
        }
        return command;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private boolean singleJar;

    /** The next starts run target/sigil.jar as the README does, instead of Payara Micro with the WAR. */
    public SigilServer asSingleJar() {
        singleJar = true;
        return this;
    }

    /** Where this start's output begins in the log (a restart appends to the same file). */
    private long logOffset;

    /** True when the output of the current start contains {@code text}. */
    public boolean logOfThisStartContains(String text) {
        try {
            if (!Files.exists(log())) {
                return false;
            }
            byte[] all = Files.readAllBytes(log());
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts a server that is expected NOT to become ready; returns once the process has ended (a failed start ends
     * it), or once it announced it is ready, or after the boot timeout.
     */
    public SigilServer startExpectingFailure() {
        return startExpectingFailure(READY_MARK);
    }

    private SigilServer startExpectingFailure(String orMark) {
        try {
            Files.createDirectories(dir);
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (process.isAlive() && !logOfThisStartContains(READY_MARK) && !logOfThisStartContains(orMark)
                && Instant.now().isBefore(deadline)) {
            sleep(250);
        }
        return this;
    }

    /**
     * Leaves out {@code -Dsigil.exit-on-start-failure=true} from the next starts, as on a server the user manages:
     * a failed start then leaves Sigil deployed but not ready.
     */
    public SigilServer asManagedServer() {
        exitOnStartFailure = false;
        return this;
    }

    /**
     * Starts a server whose start is expected to fail without ending the process (see {@link #asManagedServer()});
     * returns once it logged {@link #NOT_READY_MARK}, and fails if it ended, became ready or said nothing in time.
     */
    public SigilServer startNotReady() {
        startExpectingFailure(NOT_READY_MARK);
        if (!process.isAlive() || !logOfThisStartContains(NOT_READY_MARK)) {
            stop();
            throw new IllegalStateException("Sigil server '" + name + "' did not start NOT READY; see " + log());
        }
        return this;
    }

    /** Context root of the sample MP-JWT consumer (src/consumer) in a server started {@link #withConsumer()}. */
    public static final String CONSUMER = "/consumer";

    /**
     * Deploys target/consumer.war at {@link #CONSUMER} next to Sigil in the same Payara Micro, its MP-JWT pointed at
     * this Sigil's issuer and JWKS through MicroProfile Config env vars, as README's recipe does.
     */
    public SigilServer withConsumer() {
        withConsumer = true;
        env.put("MP_JWT_VERIFY_ISSUER", env.getOrDefault("SIGIL_ISSUER", issuer()));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer() + "/.well-known/jwks.json");
        return this;
    }

    /** Sets (or, with null, removes) an env var for the next start. */
    public SigilServer env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** The lines of the current start's output. */
    public List<String> logLinesOfThisStart() {
        try {
            byte[] all = Files.readAllBytes(log());
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last line of a successful start (StartupBanner). */
    public static final String READY_MARK = "Sigil ready at ";

    /** The last line of a failed start on a managed server (StartupBanner). */
    public static final String NOT_READY_MARK = "Sigil started NOT READY";

    /** The exit status of the process, or empty while it runs. */
    public java.util.OptionalInt exitCode() {
        return process == null || process.isAlive() ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(process.exitValue());
    }

    /** Ends the process at once, as a crash or {@code kill -9} would; no shutdown hook runs. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        Http http = http();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Sigil server '" + name + "' exited with " + process.exitValue()
                        + "; see " + log());
            }
            // The banner comes only after /health/ready answered 200; check both, so a test sees what a user sees.
            if (logOfThisStartContains(READY_MARK)) {
                try {
                    if (http.get("/health/ready").status() == 200) {
                        return;
                    }
                } catch (UncheckedIOException notListening) {
                    // keep polling
                }
                if (Instant.now().isAfter(readySeen())) {
                    stop();
                    throw new IllegalStateException("Sigil server '" + name + "' announced ready but is not; see "
                            + log());
                }
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("Sigil server '" + name + "' not ready after " + BOOT_TIMEOUT + "; see " + log());
    }

    private Instant readyMarkSeenAt;

    /** After the banner, /health/ready must answer 200 within a few seconds. */
    private Instant readySeen() {
        if (readyMarkSeenAt == null) {
            readyMarkSeenAt = Instant.now().plusSeconds(15);
        }
        return readyMarkSeenAt;
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    public boolean logContains(String text) {
        try {
            return Files.exists(log()) && Files.readString(log()).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public Path log() {
        return dir.resolve(ON_WILDFLY ? "wildfly.log" : "payara.log");
    }

    public Path dir() {
        return dir;
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public Http http() {
        return new Http(base());
    }

    public String adminPassword() {
        return env.getOrDefault("SIGIL_ADMIN_PASSWORD", generatedAdminPassword());
    }

    private String generatedAdminPassword() {
        try {
            var matcher = java.util.regex.Pattern.compile("generated password: (\\S+)").matcher(Files.readString(log()));
            return matcher.find() ? matcher.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs with mvn verify");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
