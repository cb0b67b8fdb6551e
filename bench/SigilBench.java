import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Measures what authentication costs a running Sigil server: throughput and server CPU per request of
 * GET /api/me against the no-op GET /api/ping, the login rate against a bare in-process Argon2id, and refresh-token
 * rotations per server CPU-second.
 * Run with bench/run.sh, or: java -cp bcprov.jar bench/SigilBench.java --base URL --pid PID --admin-password PW
 */
public class SigilBench {

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (BenchFailure | NotOk e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("FAILED: " + e);
            System.exit(1);
        }
    }

    static void run(Options options) throws Exception {
        Server server = new Server(URI.create(options.base));
        CpuClock serverCpu = new CpuClock(Path.of("/proc", Long.toString(options.pid), "stat"));
        CpuClock clientCpu = new CpuClock(Path.of("/proc/self/stat"));
        serverCpu.ticks();

        Credentials user = createBenchUser(server, options.adminPassword);
        // One user per login connection: the lockout lets at most SIGIL_LOCKOUT_THRESHOLD attempts of a name run at once.
        List<Credentials> loginUsers = new ArrayList<>(List.of(user));
        try (Http http = new Http(server)) {
            String admin = login(http, new Credentials("admin", options.adminPassword)).field("access_token");
            while (loginUsers.size() < Math.max(options.threads, LOGIN_CONNECTIONS_MANY)) {
                loginUsers.add(createUser(http, admin, "login", user.password()));
            }
        }
        AtomicLong nextLoginUser = new AtomicLong();
        AtomicLong loginRetries = new AtomicLong();
        Opener loginOpener = http -> {
            Credentials mine = loginUsers.get((int) (nextLoginUser.getAndIncrement() % loginUsers.size()));
            // More connections than hash slots: one that waited SIGIL_HASH_QUEUE_WAIT is answered 503 and tries
            // again (a busy shared machine does that); one login is one 200.
            return () -> {
                Response response;
                while ((response = http.post("/api/auth/login", null, mine.json())).status() == 503) {
                    loginRetries.incrementAndGet();
                }
                response.ok();
            };
        };
        List<Phase> all = List.of(
                Phase.http("ping", server, http -> () -> http.get("/api/ping", null).ok()),
                // A fresh token per run: the access token lives only minutes (SIGIL_ACCESS_TOKEN_TTL).
                Phase.http("me", server, http -> {
                    String token = login(http, user).field("access_token");
                    return () -> http.get("/api/me", token).ok();
                }),
                // Each thread logs in once (before the clock starts) and then rotates its own refresh token.
                Phase.http("refresh", server, http -> {
                    String[] token = {login(http, user).field("refresh_token")};
                    return () -> token[0] = http.post("/api/auth/refresh", null,
                            "{\"refresh_token\":" + quote(token[0]) + "}").ok().field("refresh_token");
                }),
                // Login and the raw hash at one connection and at eight (more than the hash slots, as under load):
                // the raw hash runs on as many threads as the server hashes at once, so both see the same contention.
                Phase.http("login-1", 1, server, loginOpener),
                Phase.http("login-" + LOGIN_CONNECTIONS_MANY, LOGIN_CONNECTIONS_MANY, server, loginOpener),
                Phase.local("raw-argon2id-1", 1, () -> argon2id(user.password())),
                Phase.local("raw-argon2id-" + options.hashConcurrency, options.hashConcurrency,
                        () -> argon2id(user.password())));
        List<Phase> phases = options.phases == null ? all
                : all.stream().filter(phase -> options.phases.contains(phase.family())).toList();

        System.out.printf(Locale.ROOT, "Sigil bench: %s, server pid %d, %d client threads, %d rounds x %d s per phase"
                        + " after %d warm-up passes x %d s, CLK_TCK %d, hash concurrency %d%n", options.base, options.pid,
                options.threads, options.rounds, options.seconds, options.warmupPasses, options.warmup, options.clkTck,
                options.hashConcurrency);
        Harness harness = new Harness(options.threads, serverCpu,
                new ThreadCpu(Path.of("/proc", Long.toString(options.pid), "task")), clientCpu,
                options.gcLog == null ? null : new GcLog(Path.of(options.gcLog)));
        // Payara's JIT needs some 15 s of traffic per path before CPU per request settles; these lines show whether
        // it has (server CPU for HTTP phases, client CPU for raw-argon2id).
        for (int pass = 1; pass <= options.warmupPasses; pass++) {
            StringBuilder line = new StringBuilder(fmt("warm-up %d/%d, CPU ms/op:", pass, options.warmupPasses));
            for (Phase phase : phases) {
                Sample sample = harness.measure(phase, options.warmup);
                line.append(phase.remote() ? fmt("  %s %.3f (JIT %.3f)", phase.name(),
                        sample.serverMsPerOp(options.clkTck), sample.serverKinds()[2] * 1000.0 / options.clkTck
                                / sample.ops()) : fmt("  %s %.3f", phase.name(), sample.clientMsPerOp(options.clkTck)));
            }
            System.out.println(line);
        }
        System.out.println();
        Map<Phase, List<Sample>> results = new LinkedHashMap<>();
        // Interleaved rounds so that drift from other load on the machine hits every phase alike.
        for (int round = 0; round < options.rounds; round++) {
            for (Phase phase : phases) {
                results.computeIfAbsent(phase, p -> new ArrayList<>()).add(harness.measure(phase, options.seconds));
            }
        }
        report(results, options.clkTck, harness.gcLog() != null, options.hashConcurrency);
        if (loginRetries.get() > 0) {
            System.out.printf(Locale.ROOT, "(login answers 503 after the hash queue wait, retried: %d)%n",
                    loginRetries.get());
        }
        if (options.phases == null || options.phases.contains("concurrent")) {
            concurrentLogins(server, options.adminPassword, options.concurrent, options.seconds, options.pid);
        }
        if (options.phases == null || options.phases.contains("branches")) {
            loginBranches(server, options.adminPassword, user, options.branchSamples);
        }
        if (options.pid > 0) {
            System.out.println();
            System.out.println("server memory now: " + Memory.of(options.pid));
        }
    }

    static Credentials createBenchUser(Server server, String adminPassword) throws Exception {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        Credentials user = new Credentials("bench-" + hex.substring(0, 8), "pw-" + hex);
        try (Http http = new Http(server)) {
            http.get("/api/ping", null).ok();
            String adminToken = login(http, new Credentials("admin", adminPassword)).field("access_token");
            http.post("/api/admin/users", adminToken, "{\"username\":" + quote(user.username()) + ",\"password\":"
                    + quote(user.password()) + ",\"roles\":[\"user\"]}").ok();
        }
        return user;
    }

    /**
     * Login time of each branch side by side: the same user story (right or wrong password) against an unknown name, a
     * wrong password, a disabled user, a locked name, and a success for reference. One connection, requests in
     * interleaved rounds (success, unknown, wrong, disabled, locked, ...) so that load drift hits every branch alike.
     * The server locks a name after SIGIL_LOCKOUT_THRESHOLD (default 5) failures, and a disabled user's attempt counts
     * as a failure, so wrong-password and disabled attempts rotate over enough users to stay under it.
     */
    static void loginBranches(Server server, String adminPassword, Credentials user, int samples) throws Exception {
        int perUser = 4;
        int users = (samples + perUser - 1) / perUser;
        String password = user.password();
        List<Credentials> wrong = new ArrayList<>();
        List<Credentials> disabled = new ArrayList<>();
        List<Credentials> imported = new ArrayList<>();
        Credentials locked;
        try (Http http = new Http(server)) {
            String admin = login(http, new Credentials("admin", adminPassword)).field("access_token");
            for (int i = 0; i < users; i++) {
                wrong.add(createUser(http, admin, "wrong", password));
                Credentials d = createUser(http, admin, "disabled", password);
                http.post("/api/admin/users/" + d.username() + "/disable", admin, "").ok();
                disabled.add(d);
                imported.add(importCheapBcrypt(http, admin, password));
            }
            locked = createUser(http, admin, "locked", password);
            Credentials wrongForLock = new Credentials(locked.username(), "not-" + password);
            for (int i = 0; i < 50 && http.post("/api/auth/login", null, wrongForLock.json()).status() != 429; i++) {
                // fail until the name is locked
            }
        }
        String[] names = {"success", "unknown user", "wrong password", "disabled user", "locked name",
            "imported bcrypt4"};
        int[] expected = {200, 401, 401, 401, 429, 401};
        List<List<Double>> millis = new ArrayList<>();
        for (int b = 0; b < names.length; b++) {
            millis.add(new ArrayList<>());
        }
        SecureRandom random = new SecureRandom();
        try (Http http = new Http(server)) {
            for (int i = 0; i < samples; i++) {
                Credentials[] attempt = {
                    user,
                    new Credentials("nobody-" + Long.toHexString(random.nextLong()), password),
                    new Credentials(wrong.get(i / perUser).username(), "not-" + password),
                    disabled.get(i / perUser),
                    locked,
                    new Credentials(imported.get(i / perUser).username(), "not-" + password)};
                for (int b = 0; b < names.length; b++) {
                    long start = System.nanoTime();
                    Response response = http.post("/api/auth/login", null, attempt[b].json());
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (response.status() != expected[b]) {
                        throw new NotOk(names[b] + ": expected " + expected[b] + ", got " + response.status() + " "
                                + response.body());
                    }
                    millis.get(b).add(ms);
                }
            }
        }
        double reference = median(millis.get(2));
        System.out.println();
        System.out.printf(Locale.ROOT, "login branches, %d interleaved rounds, one connection, wall clock per request:%n",
                samples);
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %14s%n", "branch", "median ms", "p10 ms", "p90 ms",
                "vs wrong pw");
        for (int b = 0; b < names.length; b++) {
            List<Double> sorted = millis.get(b).stream().sorted().toList();
            System.out.printf(Locale.ROOT, "%-16s %9.2f %9.2f %9.2f %14.3f%n", names[b], median(sorted),
                    sorted.get(sorted.size() / 10), sorted.get(sorted.size() * 9 / 10), median(sorted) / reference);
        }
    }

    /**
     * A user imported with a bcrypt hash of cost 4 (about 1 ms), as a legacy system may hold: until its first login a
     * wrong password against it would be far cheaper than an Argon2id, were it not followed by the dummy hash.
     */
    static Credentials importCheapBcrypt(Http http, String adminToken, String password) throws IOException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Credentials user = new Credentials("bench-imported-" + HexFormat.of().formatHex(random), password);
        String hash = OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, 4);
        http.post("/api/admin/users", adminToken, "{\"username\":" + quote(user.username()) + ",\"password_hash\":"
                + quote(hash) + "}").ok();
        return user;
    }

    /**
     * {@code clients} clients, each its own user on its own connection, log in back to back for {@code seconds}: far more hashes
     * asked for than cores. Reports latency percentiles, answers by status (the hash bulkhead answers 503 to what
     * waited too long for a slot), and the server's resident memory, sampled every 50 ms, against before.
     */
    static void concurrentLogins(Server server, String adminPassword, int clients, int seconds, long pid)
            throws Exception {
        // One user per client: the lockout admits at most SIGIL_LOCKOUT_THRESHOLD attempts of one name at once.
        List<Credentials> users = new ArrayList<>();
        try (Http http = new Http(server)) {
            String admin = login(http, new Credentials("admin", adminPassword)).field("access_token");
            for (int c = 0; c < clients; c++) {
                users.add(createUser(http, admin, "crowd", "pw-crowd-" + c + "-" + Long.toHexString(System.nanoTime())));
            }
        }
        Memory before = pid > 0 ? Memory.of(pid) : null;
        long[] peakRss = {before == null ? -1 : before.rssKib()};
        List<List<Double>> latencies = new ArrayList<>();
        List<Map<String, Integer>> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] end = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Credentials user = users.get(c);
            List<Double> mine = new ArrayList<>();
            Map<String, Integer> counts = new java.util.TreeMap<>();
            latencies.add(mine);
            statuses.add(counts);
            Thread client = new Thread(() -> {
                try (Http http = new Http(server)) {
                    start.await();
                    while (System.nanoTime() < end[0]) {
                        long t0 = System.nanoTime();
                        String status;
                        try {
                            status = Integer.toString(http.post("/api/auth/login", null, user.json()).status());
                        } catch (IOException e) {
                            status = "I/O error";
                            http.close();
                        }
                        mine.add((System.nanoTime() - t0) / 1e6);
                        counts.merge(status, 1, Integer::sum);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            client.start();
            threads.add(client);
        }
        long t0 = System.nanoTime();
        end[0] = t0 + seconds * 1_000_000_000L;
        start.countDown();
        while (System.nanoTime() < end[0]) {
            Thread.sleep(50);
            if (pid > 0) {
                peakRss[0] = Math.max(peakRss[0], Memory.of(pid).rssKib());
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Double> all = latencies.stream().flatMap(List::stream).sorted().toList();
        Map<String, Integer> total = new java.util.TreeMap<>();
        statuses.forEach(counts -> counts.forEach((status, n) -> total.merge(status, n, Integer::sum)));
        System.out.println();
        System.out.printf(Locale.ROOT, "concurrent logins: %d clients, one connection each, %d s:%n", clients, seconds);
        System.out.printf(Locale.ROOT, "  %d answers (%.1f/s), by status %s%n", all.size(), all.size() / wall, total);
        if (!all.isEmpty()) {
            System.out.printf(Locale.ROOT, "  latency ms: p50 %.0f, p90 %.0f, p99 %.0f, max %.0f%n", percentile(all, 50),
                    percentile(all, 90), percentile(all, 99), all.get(all.size() - 1));
        }
        if (pid > 0) {
            Memory after = Memory.of(pid);
            System.out.printf(Locale.ROOT, "  server memory: before %s; peak VmRSS during %d MiB; after %s%n", before,
                    peakRss[0] / 1024, after);
        }
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static Credentials createUser(Http http, String adminToken, String prefix, String password) throws IOException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        Credentials user = new Credentials("bench-" + prefix + "-" + HexFormat.of().formatHex(random), password);
        http.post("/api/admin/users", adminToken, "{\"username\":" + quote(user.username()) + ",\"password\":"
                + quote(password) + "}").ok();
        return user;
    }

    static Response login(Http http, Credentials credentials) throws IOException {
        return http.post("/api/auth/login", null, credentials.json()).ok();
    }

    static final int LOGIN_CONNECTIONS_MANY = 8;

    /**
     * The server's own Argon2id verification (dev.sigil.password.Argon2idHasher.verify, out of the WAR: the same
     * parameters, PHC parsing and reused block memory as a login's hash), against a hash it made of the password.
     * Loaded by name so that the scripts compiling this file against BouncyCastle alone need nothing more.
     */
    static Step argon2id(String password) {
        try {
            Class<?> type = Class.forName("dev.sigil.password.Argon2idHasher");
            Object hasher = type.getConstructor().newInstance();
            String phc = (String) type.getMethod("hash", String.class).invoke(hasher, password);
            java.lang.reflect.Method verify = type.getMethod("verify", String.class, String.class);
            return () -> {
                if (!(Boolean) verify.invoke(hasher, password, phc)) {
                    throw new BenchFailure("Argon2idHasher.verify refused its own hash", null);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("the raw-argon2id phase needs the WAR's WEB-INF/classes on the class"
                    + " path (run.sh puts them there): " + e);
        }
    }

    static void report(Map<Phase, List<Sample>> results, int clkTck, boolean gc, int hashConcurrency) {
        System.out.printf("%-16s %8s %10s  %-17s %14s %13s %10s %14s%n", "phase", "ops", "ops/s", "runs min-max",
                "srv CPU ms/op", "ops/srv CPU-s", "srv cores", "cli CPU ms/op");
        Map<String, Sample> totals = new LinkedHashMap<>();
        results.forEach((phase, samples) -> {
            Sample total = Sample.sum(samples);
            totals.put(phase.name(), total);
            String runs = fmt("%.1f-%.1f", samples.stream().mapToDouble(Sample::rate).min().orElse(0),
                    samples.stream().mapToDouble(Sample::rate).max().orElse(0));
            System.out.printf(Locale.ROOT, "%-16s %8d %10.1f  %-17s %14s %13s %10.2f %14.3f%n", phase.name(),
                    total.ops(), total.rate(), runs, phase.remote() ? fmt("%.3f", total.serverMsPerOp(clkTck)) : "-",
                    phase.remote() ? fmt("%.1f", total.opsPerServerCpuSecond(clkTck)) : "-",
                    total.serverCores(clkTck), total.clientMsPerOp(clkTck));
        });
        // Where the server's CPU went, by thread: request threads, GC threads (with the Serial GC the VM Thread does
        // the collections), JIT compiler threads, the rest (Payara's own timers, Hazelcast, exited threads).
        System.out.printf("%n%-16s %10s %10s %10s %10s  %-30s%n", "srv ms/op", "requests", "GC", "JIT", "other",
                gc ? "GC pauses: young / full / ms/op" : "");
        results.forEach((phase, samples) -> {
            Sample total = Sample.sum(samples);
            if (phase.remote()) {
                double perOp = 1000.0 / clkTck / total.ops();
                long[] kinds = total.serverKinds();
                long other = total.serverTicks() - kinds[0] - kinds[1] - kinds[2];
                System.out.printf(Locale.ROOT, "%-16s %10.3f %10.3f %10.3f %10.3f  %s%n", phase.name(),
                        kinds[0] * perOp, kinds[1] * perOp, kinds[2] * perOp, other * perOp, gc ? fmt("%d / %d / %.3f",
                                total.youngGcs(), total.fullGcs(), total.gcMillis() / total.ops()) : "");
            }
        });
        Sample ping = totals.get("ping");
        Sample me = totals.get("me");
        Sample refresh = totals.get("refresh");
        System.out.printf("%n%-44s %8s %9s  %s%n", "ratio", "value", "target", "result");
        // With --phases, a ratio whose phases did not run is left out.
        if (ping != null && me != null) {
            ratio("(a) me / ping throughput", me.rate() / ping.rate(), 0.8, true);
            ratio("(b) me / ping server CPU per request", me.serverMsPerOp(clkTck) / ping.serverMsPerOp(clkTck),
                    1.1, false);
        }
        // Issue 12: a login costs the server at most the raw hash + 2 ms of CPU, at one connection and at eight.
        String[][] logins = {{"login-1", "raw-argon2id-1", "c1"}, {"login-" + LOGIN_CONNECTIONS_MANY,
            "raw-argon2id-" + hashConcurrency, "c" + LOGIN_CONNECTIONS_MANY}};
        for (String[] pair : logins) {
            Sample login = totals.get(pair[0]);
            Sample raw = totals.get(pair[1]);
            if (login != null && raw != null) {
                double loginMs = login.serverMsPerOp(clkTck);
                double rawMs = raw.clientMsPerOp(clkTck);
                ratio(fmt("(%s) %s CPU / (%s CPU + 2 ms)", pair[2], pair[0], pair[1]), loginMs / (rawMs + 2), 1.0,
                        false);
                System.out.printf(Locale.ROOT, "%-44s %8.3f  (info: %.3f - %.3f ms; rate ratio %.3f)%n",
                        "     login overhead beyond the hash, ms", loginMs - rawMs, loginMs, rawMs,
                        login.rate() / raw.rate());
            }
        }
        if (refresh != null) {
            // An absolute figure: a rotation has no bare counterpart to divide by. 1.5 ms is 667 per CPU-second.
            ratio("(d) refresh server CPU ms / 1.5 ms", refresh.serverMsPerOp(clkTck) / 1.5, 1.0, false);
            System.out.printf(Locale.ROOT, "%-44s %8.1f  (info: SPEC §7 asks >= 480 with RS256)%n",
                    "     refreshes per server CPU-second", refresh.opsPerServerCpuSecond(clkTck));
        }
    }

    static void ratio(String label, double value, double target, boolean atLeast) {
        boolean pass = atLeast ? value >= target : value <= target;
        boolean big = target >= 100;
        System.out.printf(Locale.ROOT, "%-44s %8s %s %6s  %s%n", label, fmt(big ? "%.1f" : "%.3f", value),
                atLeast ? ">=" : "<=", fmt(big ? "%.0f" : "%.2f", target), pass ? "PASS" : "MISS");
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    // ---- phases and the harness -------------------------------------------------------------------------------

    interface Step {
        void run() throws Exception;
    }

    interface Opener {
        /** Runs once per client thread before the clock starts; the returned Step is one timed operation. */
        Step open(Http http) throws Exception;
    }

    /** One client thread's share of a phase: the timed step and what to release afterwards. */
    record Worker(Step step, Runnable close) {
    }

    interface WorkerFactory {
        Worker open() throws Exception;
    }

    /** One kind of timed work. remote: it is served by the server, so server CPU per op means something. */
    record Phase(String name, boolean remote, int threads, WorkerFactory workers) {

        /** Each client thread gets its own keep-alive connection, opened before the clock starts. */
        static Phase http(String name, Server server, Opener opener) {
            return http(name, 0, server, opener);
        }

        /** threads: client threads of this phase; 0 for the bench's --threads. */
        static Phase http(String name, int threads, Server server, Opener opener) {
            return new Phase(name, true, threads, () -> {
                Http http = new Http(server);
                try {
                    return new Worker(opener.open(http), http::close);
                } catch (Exception e) {
                    http.close();
                    throw e;
                }
            });
        }

        static Phase local(String name, int threads, java.util.function.Supplier<Step> steps) {
            return new Phase(name, false, threads, () -> new Worker(steps.get(), () -> {
            }));
        }

        /** The name --phases knows it by: login-1 and login-8 are both "login". */
        String family() {
            return name.replaceAll("-\\d+$", "");
        }
    }

    /** One measured window, or several summed. CPU in clock ticks. */
    record Sample(long ops, long nanos, long serverTicks, long[] serverKinds, long clientTicks, GcLog.Pauses gc) {
        static Sample sum(List<Sample> samples) {
            long[] kinds = new long[ThreadCpu.KINDS];
            samples.forEach(sample -> Arrays.setAll(kinds, i -> kinds[i] + sample.serverKinds()[i]));
            return new Sample(samples.stream().mapToLong(Sample::ops).sum(),
                    samples.stream().mapToLong(Sample::nanos).sum(),
                    samples.stream().mapToLong(Sample::serverTicks).sum(), kinds,
                    samples.stream().mapToLong(Sample::clientTicks).sum(),
                    samples.stream().map(Sample::gc).reduce(GcLog.Pauses.NONE, GcLog.Pauses::plus));
        }

        long youngGcs() {
            return gc.young();
        }

        long fullGcs() {
            return gc.full();
        }

        double gcMillis() {
            return gc.millis();
        }

        double rate() {
            return ops * 1e9 / nanos;
        }

        double serverMsPerOp(int clkTck) {
            return serverTicks * 1000.0 / clkTck / ops;
        }

        double clientMsPerOp(int clkTck) {
            return clientTicks * 1000.0 / clkTck / ops;
        }

        double opsPerServerCpuSecond(int clkTck) {
            return serverTicks == 0 ? Double.POSITIVE_INFINITY : ops * (double) clkTck / serverTicks;
        }

        double serverCores(int clkTck) {
            return serverTicks * 1e9 / clkTck / nanos;
        }
    }

    record Harness(int threads, CpuClock serverCpu, ThreadCpu serverThreads, CpuClock clientCpu, GcLog gcLog) {

        /** Runs the phase on all threads for the given time; any non-2xx or I/O error fails the whole bench. */
        Sample measure(Phase phase, int seconds) throws Exception {
            List<Worker> workers = new ArrayList<>();
            try {
                for (int i = 0; i < (phase.threads() > 0 ? phase.threads() : threads); i++) {
                    workers.add(phase.workers().open());
                }
                class Readings implements Meter {
                    long gc0;
                    Map<String, ThreadCpu.Ticks> threads0;
                    long server0;
                    long client0;
                    long[] kinds;
                    long serverTicks;
                    long clientTicks;
                    GcLog.Pauses pauses;

                    @Override
                    public void start() throws Exception {
                        gc0 = gcLog == null ? 0 : gcLog.length();
                        threads0 = serverThreads.snapshot();
                        server0 = serverCpu.ticks();
                        client0 = clientCpu.ticks();
                    }

                    @Override
                    public void stop() throws Exception {
                        serverTicks = serverCpu.ticks() - server0;
                        kinds = serverThreads.since(threads0);
                        pauses = gcLog == null ? GcLog.Pauses.NONE : gcLog.pausesSince(gc0);
                        clientTicks = clientCpu.ticks() - client0;
                    }
                }
                Readings readings = new Readings();
                Drive drive = Drive.run(phase.name(), workers, seconds, readings);
                return new Sample(drive.ops(), drive.nanos(), readings.serverTicks, readings.kinds,
                        readings.clientTicks, readings.pauses);
            } finally {
                workers.forEach(worker -> worker.close().run());
            }
        }
    }

    /** What is read just before the clock starts and just after the last client thread has ended. */
    interface Meter {
        void start() throws Exception;

        void stop() throws Exception;
    }

    /** Steps done by a set of workers, one thread each, in a window that ends with the last thread. */
    record Drive(long ops, long nanos) {

        /** Runs every worker on its own thread for the given time; any non-2xx or I/O error fails the bench. */
        static Drive run(String name, List<Worker> workers, int seconds, Meter meter) throws Exception {
            AtomicLong ops = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            AtomicReference<Exception> firstError = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Thread> running = new ArrayList<>();
            for (Worker worker : workers) {
                Thread thread = new Thread(() -> {
                    long done = 0;
                    try {
                        start.await();
                        while (System.nanoTime() < deadline[0]) {
                            try {
                                worker.step().run();
                                done++;
                            } catch (NotOk e) {
                                rejected.incrementAndGet();
                                firstError.compareAndSet(null, e);
                            }
                        }
                    } catch (Exception e) {
                        firstError.compareAndSet(null, e);
                    }
                    ops.addAndGet(done);
                }, "bench-" + name);
                thread.start();
                running.add(thread);
            }
            meter.start();
            long t0 = System.nanoTime();
            deadline[0] = t0 + seconds * 1_000_000_000L;
            start.countDown();
            for (Thread thread : running) {
                thread.join();
            }
            // Measured up to the last thread's end, so the window holds exactly the counted ops' work.
            long nanos = System.nanoTime() - t0;
            meter.stop();
            if (firstError.get() != null) {
                throw new BenchFailure(name + ": " + rejected.get() + " non-2xx responses, first error: "
                        + firstError.get().getMessage(), firstError.get());
            }
            return new Drive(ops.get(), nanos);
        }
    }

    /**
     * CPU ticks of a process's threads from /proc/PID/task/TID/stat, by kind: 0 request threads (Grizzly's
     * http-thread-pool), 1 GC (VM Thread, GC Thread#n, G1 and ZGC workers), 2 JIT compiler threads. Thread names
     * are cut to 15 characters by the kernel.
     */
    record ThreadCpu(Path tasks) {
        static final int KINDS = 3;
        private static final Pattern GC = Pattern.compile("VM Thread|GC Thread.*|G1 .*|Z[A-Z].*|Shenandoah.*");

        record Ticks(int kind, long ticks) {
        }

        Map<String, Ticks> snapshot() {
            Map<String, Ticks> threads = new java.util.HashMap<>();
            try (var dirs = Files.list(tasks)) {
                dirs.forEach(dir -> {
                    try {
                        String text = Files.readString(dir.resolve("stat"));
                        String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                        int kind = name.startsWith("http-thread-poo") ? 0 : GC.matcher(name).matches() ? 1
                                : name.matches("C[12] CompilerThre") ? 2 : -1;
                        if (kind >= 0) {
                            threads.put(dir.getFileName().toString(),
                                    new Ticks(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                        }
                    } catch (IOException | RuntimeException exited) {
                        // the thread ended between the listing and the read
                    }
                });
            } catch (IOException e) {
                // the process is gone: the next CpuClock read says so
            }
            return threads;
        }

        long[] since(Map<String, Ticks> before) {
            long[] kinds = new long[KINDS];
            snapshot().forEach((tid, now) -> kinds[now.kind()] += now.ticks()
                    - before.getOrDefault(tid, new Ticks(now.kind(), 0)).ticks());
            return kinds;
        }
    }

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    record CpuClock(Path stat) {
        long ticks() throws BenchFailure {
            String text;
            try {
                text = Files.readString(stat);
            } catch (IOException e) {
                throw new BenchFailure("cannot read " + stat + " (has the server died?)", e);
            }
            // The command name (field 2) may contain spaces; fields after it are counted from the last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    /**
     * The server's -Xlog:gc file: the pauses logged between two offsets. Unified logging writes each line as the
     * pause ends, so a window sees the pauses that ended inside it.
     */
    record GcLog(Path file) {
        private static final Pattern PAUSE = Pattern.compile("Pause (Young|Full)\\b.*?([0-9]+(?:\\.[0-9]+)?)ms\\s*$",
                Pattern.MULTILINE);

        record Pauses(long young, long full, double millis) {
            static final Pauses NONE = new Pauses(0, 0, 0);

            Pauses plus(Pauses other) {
                return new Pauses(young + other.young, full + other.full, millis + other.millis);
            }
        }

        long length() throws IOException {
            return Files.size(file);
        }

        Pauses pausesSince(long offset) throws IOException {
            byte[] bytes;
            try (var channel = Files.newByteChannel(file)) {
                channel.position(offset);
                bytes = Channels.newInputStream(channel).readAllBytes();
            }
            Pauses pauses = Pauses.NONE;
            Matcher m = PAUSE.matcher(new String(bytes, StandardCharsets.UTF_8));
            while (m.find()) {
                boolean young = m.group(1).equals("Young");
                pauses = pauses.plus(new Pauses(young ? 1 : 0, young ? 0 : 1, Double.parseDouble(m.group(2))));
            }
            return pauses;
        }
    }

    /** VmRSS and VmHWM (peak RSS) from /proc/PID/status. */
    record Memory(long rssKib, long peakKib) {
        static Memory of(long pid) {
            try {
                String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                return new Memory(kib(status, "VmRSS"), kib(status, "VmHWM"));
            } catch (IOException e) {
                return new Memory(-1, -1);
            }
        }

        private static long kib(String status, String field) {
            Matcher m = Pattern.compile("^" + field + ":\\s+(\\d+) kB", Pattern.MULTILINE).matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        @Override
        public String toString() {
            return fmt("VmRSS %d MiB, VmHWM (peak) %d MiB", rssKib / 1024, peakKib / 1024);
        }
    }

    // ---- a minimal HTTP/1.1 client ------------------------------------------------------------------------------
    // Blocking sockets, one keep-alive connection per thread: java.net.http.HttpClient hands every exchange between
    // threads, and on a 2-core box each client CPU cycle is one the server does not get.

    record Server(String host, int port) {
        Server(URI base) {
            this(base.getHost(), base.getPort() == -1 ? 80 : base.getPort());
            if (!"http".equals(base.getScheme())) {
                throw new IllegalArgumentException("--base must be an http:// URL: " + base);
            }
        }
    }

    record Credentials(String username, String password) {
        String json() {
            return "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}";
        }
    }

    static final class NotOk extends IOException {
        NotOk(String message) {
            super(message);
        }
    }

    static final class BenchFailure extends Exception {
        BenchFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Response(String request, int status, String body) {
        Response ok() throws NotOk {
            if (status < 200 || status > 299) {
                throw new NotOk(request + " answered " + status + ": " + body);
            }
            return this;
        }

        String field(String name) throws IOException {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new IOException(request + ": no \"" + name + "\" in " + body);
            }
            return m.group(1);
        }
    }

    static final class Http implements AutoCloseable {
        private final Server server;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http(Server server) {
            this.server = server;
        }

        Response get(String path, String bearer) throws IOException {
            return send("GET", path, bearer, null);
        }

        Response post(String path, String bearer, String json) throws IOException {
            return send("POST", path, bearer, json);
        }

        private Response send(String method, String path, String bearer, String json) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(server.host()).append(':').append(server.port())
                    .append("\r\n");
            if (bearer != null) {
                head.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            if (socket == null) {
                connect();
            }
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(method + " " + path);
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        private Response read(String request) throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close |= value.contains("close");
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            // RFC 9112 §6.3: a 1xx, 204 or 304 answer ends at its header (Payara sends no Content-Length on a 204).
            if (status / 100 == 1 || status == 204 || status == 304) {
                length = 0;
                chunked = false;
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                in.transferTo(body);
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(request, status, body.toString(StandardCharsets.UTF_8));
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            byte[] bytes = in.readNBytes((int) n);
            if (bytes.length < n) {
                throw new IOException("connection closed mid-body");
            }
            to.write(bytes);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
                socket = null;
            }
        }
    }

    // ---- options ------------------------------------------------------------------------------------------------

    static final class Options {
        String base;
        long pid = -1;
        String adminPassword = System.getenv("SIGIL_ADMIN_PASSWORD");
        int seconds = 8;
        int warmup = 5;
        int warmupPasses = 3;
        int threads = 2;
        int rounds = 2;
        int clkTck = 100;
        String gcLog;
        List<String> phases;
        int branchSamples = 40;
        int concurrent = 50;
        int hashConcurrency = Runtime.getRuntime().availableProcessors();

        static Options parse(String[] args) {
            Options o = new Options();
            pairs(args, Options::usage, (name, value) -> {
                switch (name) {
                    case "--base" -> o.base = value.replaceAll("/+$", "");
                    case "--pid" -> o.pid = Long.parseLong(value);
                    case "--admin-password" -> o.adminPassword = value;
                    case "--seconds" -> o.seconds = positive(name, value);
                    case "--warmup" -> o.warmup = positive(name, value);
                    case "--warmup-passes" -> o.warmupPasses = positive(name, value);
                    case "--threads" -> o.threads = positive(name, value);
                    case "--rounds" -> o.rounds = positive(name, value);
                    case "--clk-tck" -> o.clkTck = positive(name, value);
                    case "--gc-log" -> o.gcLog = value;
                    case "--phases" -> o.phases = phases(value);
                    case "--branch-samples" -> o.branchSamples = positive(name, value);
                    case "--concurrent" -> o.concurrent = positive(name, value);
                    case "--hash-concurrency" -> o.hashConcurrency = positive(name, value);
                    default -> throw usage("unknown option " + name);
                }
            });
            if (o.base == null || o.pid < 0 || o.adminPassword == null) {
                throw usage("--base, --pid and --admin-password (or SIGIL_ADMIN_PASSWORD) are required");
            }
            return o;
        }

        /** Hands each "--name value" pair of the command line to {@code option}, in order. */
        static void pairs(String[] args, java.util.function.Function<String, IllegalArgumentException> usage,
                java.util.function.BiConsumer<String, String> option) {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw usage.apply("missing value for " + args[i]);
                }
                option.accept(args[i], args[i + 1]);
            }
        }

        static final List<String> PHASES = List.of("ping", "me", "refresh", "login", "raw-argon2id", "concurrent",
                "branches");

        static List<String> phases(String value) {
            List<String> names = List.of(value.split(","));
            if (names.isEmpty() || !PHASES.containsAll(names)) {
                throw usage("--phases takes a comma-separated list of " + String.join(", ", PHASES) + ", not " + value);
            }
            return names;
        }

        static int positive(String name, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw usage(name + " must be at least 1");
            }
            return n;
        }

        static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "\nusage: SigilBench --base http://127.0.0.1:PORT --pid PID"
                    + " --admin-password PW [--seconds 8] [--warmup 5] [--warmup-passes 3] [--threads 2] [--rounds 2]"
                    + " [--clk-tck 100] [--gc-log FILE]"
                    + " [--phases ping,me,refresh,login,raw-argon2id,concurrent,branches] [--branch-samples 40]"
                    + " [--concurrent 50] [--hash-concurrency CORES]");
        }
    }
}
