import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two Sigil nodes on one PostgreSQL database (issue 10, item 7): how long a logout on node A takes to reach node B,
 * against the same logout seen on A itself, and how many refresh rotations two nodes serve against one, per second
 * and per server CPU-second. Compiled together with SigilBench.java, whose HTTP client, phases and CPU clocks it uses;
 * run it with bench/nodes.sh.
 */
public class NodesBench {

    /** Gives up on one round's poll after this long: SPEC §6 bounds the propagation at 2 s. */
    private static final long GIVE_UP_NANOS = 10_000_000_000L;
    private static final int CONFIRM_PROBES = 3;
    private static final int USERS = 4;

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("FAILED: " + e.getMessage());
            if (System.getenv("BENCH_DEBUG") != null) { e.printStackTrace(); }
            System.exit(1);
        }
    }

    static void run(Options o) throws Exception {
        Node a = new Node("A", new SigilBench.Server(URI.create(o.a)), o.pidA);
        Node b = new Node("B", new SigilBench.Server(URI.create(o.b)), o.pidB);
        System.out.printf(Locale.ROOT, "Sigil nodes bench: A %s (pid %d), B %s (pid %d), %d cores, %s%n", o.a, o.pidA,
                o.b, o.pidB, Runtime.getRuntime().availableProcessors(), loadAverage());
        List<SigilBench.Credentials> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(SigilBench.createBenchUser(a.server(), o.adminPassword));
        }
        propagation(a, b, users, o);
        throughput(a, b, users.get(0), o);
        System.out.println();
        System.out.println("at the end: " + loadAverage());
    }

    // ---- propagation ----------------------------------------------------------------------------------------------

    /** One pairing: logouts on {@code logoutOn}, probes on {@code probeOn}. */
    record Pairing(String label, Node logoutOn, Node probeOn, List<Double> delays, List<Integer> probes,
            List<Double> probeMillis, List<Double> logoutMillis) {
        Pairing(String label, Node logoutOn, Node probeOn) {
            this(label, logoutOn, probeOn, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void clear() {
            delays.clear();
            probes.clear();
            probeMillis.clear();
            logoutMillis.clear();
        }
    }

    static void propagation(Node a, Node b, List<SigilBench.Credentials> users, Options o) throws Exception {
        Pairing cross = new Pairing("A -> B", a, b);
        Pairing local = new Pairing("A -> A", a, a);
        // Every login on B, so that the two pairings differ only in the node that is probed.
        try (SigilBench.Http loginOnB = new SigilBench.Http(b.server());
                SigilBench.Http onA = new SigilBench.Http(a.server());
                SigilBench.Http onB = new SigilBench.Http(b.server())) {
            int total = o.warmupRounds + o.rounds;
            for (int round = 0; round < total; round++) {
                if (round == o.warmupRounds) {
                    cross.clear();
                    local.clear();
                }
                SigilBench.Credentials user = users.get(round % users.size());
                // Interleaved, in alternating order, so that drift on the machine hits both pairings alike.
                Pairing first = round % 2 == 0 ? cross : local;
                Pairing second = first == cross ? local : cross;
                for (Pairing pairing : List.of(first, second)) {
                    oneRound(pairing, loginOnB, onA, pairing.probeOn() == a ? onA : onB, user);
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "propagation: %d rounds per pairing after %d warm-up rounds; login on B, access"
                + " token confirmed 200 on the probed node, POST /api/auth/logout on A, then GET /api/me on the probed"
                + " node back to back on one keep-alive connection until 401; delay from A's 204 to that 401%n",
                o.rounds, o.warmupRounds);
        System.out.printf(Locale.ROOT, "%-8s %7s %8s %8s %8s %8s %8s %8s %10s %10s %11s %11s%n", "pairing", "rounds",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "> 100ms", "> 2 s", "1st probe", "probes p99", "probe p50",
                "logout p50");
        for (Pairing pairing : List.of(cross, local)) {
            List<Double> delays = sorted(pairing.delays());
            List<Double> probeMillis = sorted(pairing.probeMillis());
            long firstProbe = pairing.probes().stream().filter(n -> n == 1).count();
            List<Double> probes = sorted(pairing.probes().stream().map(Integer::doubleValue).toList());
            System.out.printf(Locale.ROOT, "%-8s %7d %8.2f %8.2f %8.2f %8.2f %8d %8d %9.0f%% %10.0f %11.3f %11.2f%n",
                    pairing.label(), delays.size(), SigilBench.percentile(delays, 50),
                    SigilBench.percentile(delays, 90), SigilBench.percentile(delays, 99),
                    delays.get(delays.size() - 1), delays.stream().filter(d -> d > 100).count(),
                    delays.stream().filter(d -> d > 2000).count(), 100.0 * firstProbe / delays.size(),
                    SigilBench.percentile(probes, 99), SigilBench.percentile(probeMillis, 50),
                    SigilBench.median(pairing.logoutMillis()));
        }
        List<Double> probeMillis = sorted(cross.probeMillis());
        System.out.printf(Locale.ROOT, "probe round trip on B (GET /api/me, 200 or 401): p50 %.3f, p90 %.3f, p99 %.3f,"
                        + " max %.3f ms: the resolution of the delays above%n", SigilBench.percentile(probeMillis, 50),
                SigilBench.percentile(probeMillis, 90), SigilBench.percentile(probeMillis, 99),
                probeMillis.get(probeMillis.size() - 1));
        System.out.println("1st probe: rounds whose first probe after the 204 was already 401 (the notice had been"
                + " applied before the client saw the 204)");
        List<Double> delays = sorted(cross.delays());
        double p99 = SigilBench.percentile(delays, 99);
        double max = delays.get(delays.size() - 1);
        System.out.printf(Locale.ROOT, "A -> B p99 %.2f ms, target <= 100 ms: %s; max %.2f ms, SPEC §6 bound 2 s: %s%n",
                p99, p99 <= 100 ? "PASS" : "MISS", max, max <= 2000 ? "PASS" : "MISS");
        System.out.println("propagation done: " + loadAverage());
    }

    static void oneRound(Pairing pairing, SigilBench.Http loginOnB, SigilBench.Http onA, SigilBench.Http probe,
            SigilBench.Credentials user) throws Exception {
        String token = SigilBench.login(loginOnB, user).field("access_token");
        for (int i = 0; i < CONFIRM_PROBES; i++) {
            long t = System.nanoTime();
            probe.get("/api/me", token).ok();
            pairing.probeMillis().add((System.nanoTime() - t) / 1e6);
        }
        long sent = System.nanoTime();
        SigilBench.Response logout = onA.post("/api/auth/logout", token, "{}");
        long answered = System.nanoTime();
        if (logout.status() != 204) {
            throw new SigilBench.NotOk("logout on A answered " + logout.status() + ": " + logout.body());
        }
        pairing.logoutMillis().add((answered - sent) / 1e6);
        for (int probes = 1; ; probes++) {
            long t = System.nanoTime();
            SigilBench.Response response = probe.get("/api/me", token);
            long now = System.nanoTime();
            pairing.probeMillis().add((now - t) / 1e6);
            if (response.status() == 401) {
                pairing.delays().add((now - answered) / 1e6);
                pairing.probes().add(probes);
                return;
            }
            response.ok();
            if (now - answered > GIVE_UP_NANOS) {
                throw new SigilBench.NotOk(pairing.label() + ": the access token still worked on "
                        + pairing.probeOn().name() + " " + (now - answered) / 1_000_000 + " ms after the logout on A");
            }
        }
    }

    // ---- throughput -----------------------------------------------------------------------------------------------

    /** Where the client threads go in one run: all on one node, or spread over both. */
    record Layout(String label, List<Node> targets) {
    }

    /**
     * One measured run: rotations, wall time, each node's CPU ticks, the database backends' (of this bench's database,
     * -1 when they could not be read) and the bench's own.
     */
    record Run(Layout layout, long ops, long nanos, long ticksA, long ticksB, long dbTicks, long clientTicks) {
        static Run sum(Layout layout, List<Run> runs) {
            boolean db = runs.stream().allMatch(run -> run.dbTicks() >= 0);
            return new Run(layout, runs.stream().mapToLong(Run::ops).sum(), runs.stream().mapToLong(Run::nanos).sum(),
                    runs.stream().mapToLong(Run::ticksA).sum(), runs.stream().mapToLong(Run::ticksB).sum(),
                    db ? runs.stream().mapToLong(Run::dbTicks).sum() : -1,
                    runs.stream().mapToLong(Run::clientTicks).sum());
        }

        double rate() {
            return ops * 1e9 / nanos;
        }

        double perServerCpuSecond(int clkTck) {
            return ops * (double) clkTck / (ticksA + ticksB);
        }
    }

    static void throughput(Node a, Node b, SigilBench.Credentials user, Options o) throws Exception {
        SigilBench.CpuClock client = new SigilBench.CpuClock(Path.of("/proc/self/stat"));
        Layout oneA = new Layout("one (A)", java.util.Collections.nCopies(o.threads, a));
        Layout oneB = new Layout("one (B)", java.util.Collections.nCopies(o.threads, b));
        List<Node> spread = new ArrayList<>();
        for (int i = 0; i < o.threads; i++) {
            spread.add(i % 2 == 0 ? a : b);
        }
        Layout two = new Layout("two", spread);
        System.out.println();
        System.out.printf(Locale.ROOT, "refresh throughput: %d client threads in all, each rotating its own refresh"
                        + " token on one keep-alive connection; %d warm-up passes x %d s, then %d rounds x %d s,"
                        + " layouts interleaved; %s%n", o.threads, o.warmupPasses, o.warmup, o.throughputRounds,
                o.seconds, loadAverage());
        for (int pass = 1; pass <= o.warmupPasses; pass++) {
            StringBuilder line = new StringBuilder(SigilBench.fmt("warm-up %d/%d, server CPU ms/rotation:", pass,
                    o.warmupPasses));
            for (Layout layout : List.of(oneA, oneB, two)) {
                Run run = measure(layout, a, b, client, user, o.warmup, o.database);
                line.append(SigilBench.fmt("  %s %.3f", layout.label(),
                        (run.ticksA() + run.ticksB()) * 1000.0 / o.clkTck / run.ops()));
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%n%-8s %-6s %9s %8s %14s %8s %8s %8s %8s %10s %9s %14s  %s%n", "layout",
                "round", "rotations", "per s", "per srv CPU-s", "A CPU s", "B CPU s", "A cores", "B cores",
                "srv cores", "db CPU s", "cli CPU ms/op", "load average");
        List<Run> ones = new ArrayList<>();
        List<Run> twos = new ArrayList<>();
        for (int round = 1; round <= o.throughputRounds; round++) {
            // One node alternates between A and B, so neither node's own state favours the one-node figure.
            Layout one = round % 2 == 1 ? oneA : oneB;
            for (Layout layout : round % 2 == 1 ? List.of(one, two) : List.of(two, one)) {
                Run run = measure(layout, a, b, client, user, o.seconds, o.database);
                (layout == two ? twos : ones).add(run);
                print(run, Integer.toString(round), o.clkTck, loadAverage().substring("load average ".length()));
            }
        }
        Run one = Run.sum(new Layout("one", List.of()), ones);
        Run both = Run.sum(two, twos);
        System.out.println();
        print(one, "all", o.clkTck, "");
        print(both, "all", o.clkTck, "");
        System.out.printf(Locale.ROOT, "two / one: rotations per second %.2fx, per server CPU-second %.2fx (server CPU"
                        + " is both nodes' utime + stime, the idle node's included, the database's not); %d cores on this"
                        + " machine%n",
                both.rate() / one.rate(), both.perServerCpuSecond(o.clkTck) / one.perServerCpuSecond(o.clkTck),
                Runtime.getRuntime().availableProcessors());
    }

    static void print(Run run, String round, int clkTck, String note) {
        double seconds = run.nanos() / 1e9;
        System.out.printf(Locale.ROOT, "%-8s %-6s %9d %8.1f %14.1f %8.2f %8.2f %8.2f %8.2f %10.2f %9s %14.3f  %s%n",
                run.layout().label(), round, run.ops(), run.rate(), run.perServerCpuSecond(clkTck),
                run.ticksA() / (double) clkTck, run.ticksB() / (double) clkTck,
                run.ticksA() / (double) clkTck / seconds, run.ticksB() / (double) clkTck / seconds,
                (run.ticksA() + run.ticksB()) / (double) clkTck / seconds,
                run.dbTicks() < 0 ? "-" : SigilBench.fmt("%.2f", run.dbTicks() / (double) clkTck),
                run.clientTicks() * 1000.0 / clkTck / run.ops(), note);
    }

    static Run measure(Layout layout, Node a, Node b, SigilBench.CpuClock client, SigilBench.Credentials user,
            int seconds, String database) throws Exception {
        List<SigilBench.Worker> workers = new ArrayList<>();
        try {
            for (Node node : layout.targets()) {
                workers.add(refresh(node, user).workers().open());
            }
            long[] before = new long[3];
            long[] spent = new long[3];
            Map<Long, Long> db0 = new HashMap<>();
            long[] dbSpent = {-1};
            SigilBench.Drive drive = SigilBench.Drive.run("refresh", workers, seconds, new SigilBench.Meter() {
                @Override
                public void start() throws Exception {
                    before[0] = a.cpu().ticks();
                    before[1] = b.cpu().ticks();
                    before[2] = client.ticks();
                    db0.putAll(backendTicks(database));
                }

                @Override
                public void stop() throws Exception {
                    spent[0] = a.cpu().ticks() - before[0];
                    spent[1] = b.cpu().ticks() - before[1];
                    spent[2] = client.ticks() - before[2];
                    Map<Long, Long> db1 = backendTicks(database);
                    if (!db0.isEmpty() && !db1.isEmpty()) {
                        // A backend born in the window counts from zero; one that ended in it is lost (pools keep them).
                        dbSpent[0] = db1.entrySet().stream()
                                .mapToLong(e -> e.getValue() - db0.getOrDefault(e.getKey(), 0L)).sum();
                    }
                }
            });
            return new Run(layout, drive.ops(), drive.nanos(), spent[0], spent[1], dbSpent[0], spent[2]);
        } finally {
            workers.forEach(worker -> worker.close().run());
        }
    }

    /** SigilBench's refresh phase against one node: a login before the clock starts, then rotations. */
    static SigilBench.Phase refresh(Node node, SigilBench.Credentials user) {
        return SigilBench.Phase.http("refresh", node.server(), http -> {
            String[] token = {SigilBench.login(http, user).field("refresh_token")};
            return () -> token[0] = http.post("/api/auth/refresh", null,
                    "{\"refresh_token\":" + SigilBench.quote(token[0]) + "}").ok().field("refresh_token");
        });
    }

    /**
     * CPU ticks of the PostgreSQL backends serving this bench's database (both nodes' pools and listeners), by pid,
     * listed with psql (PGHOST, PGPORT, PGUSER from the environment); empty if that fails or the server is not local.
     */
    static Map<Long, Long> backendTicks(String database) {
        Map<Long, Long> ticks = new HashMap<>();
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        if (database == null || !List.of("127.0.0.1", "localhost", "::1", "").contains(host)) {
            return ticks;
        }
        try {
            Process psql = new ProcessBuilder("psql", "-X", "-At", "-d", "postgres", "-c",
                    "SELECT pid FROM pg_stat_activity WHERE datname = '" + database.replace("'", "''") + "'")
                    .redirectErrorStream(true).start();
            String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                return ticks;
            }
            for (String line : out.split("\\R")) {
                // A pid of another machine or container would name some other process here, or none.
                if (!line.matches("\\d+") || !Files.readString(Path.of("/proc", line, "comm")).strip()
                        .equals("postgres")) {
                    ticks.clear();
                    return ticks;
                }
                ticks.put(Long.parseLong(line), new SigilBench.CpuClock(Path.of("/proc", line, "stat")).ticks());
            }
        } catch (IOException | SigilBench.BenchFailure e) {
            ticks.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ticks.clear();
        }
        return ticks;
    }

    // ---- small things -----------------------------------------------------------------------------------------------

    record Node(String name, SigilBench.Server server, long pid) {
        SigilBench.CpuClock cpu() {
            return new SigilBench.CpuClock(Path.of("/proc", Long.toString(pid), "stat"));
        }
    }

    static List<Double> sorted(List<Double> values) {
        return values.stream().sorted().toList();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    static final class Options {
        String a;
        String b;
        long pidA = -1;
        long pidB = -1;
        String adminPassword = System.getenv("SIGIL_ADMIN_PASSWORD");
        int rounds = 200;
        int warmupRounds = 20;
        int threads = 4;
        int seconds = 8;
        int throughputRounds = 4;
        int warmup = 5;
        int warmupPasses = 3;
        int clkTck = 100;
        String database;

        static Options parse(String[] args) {
            Options o = new Options();
            SigilBench.Options.pairs(args, Options::usage, (name, value) -> {
                switch (name) {
                    case "--a" -> o.a = value.replaceAll("/+$", "");
                    case "--b" -> o.b = value.replaceAll("/+$", "");
                    case "--pid-a" -> o.pidA = Long.parseLong(value);
                    case "--pid-b" -> o.pidB = Long.parseLong(value);
                    case "--admin-password" -> o.adminPassword = value;
                    case "--rounds" -> o.rounds = SigilBench.Options.positive(name, value);
                    case "--warmup-rounds" -> o.warmupRounds = SigilBench.Options.positive(name, value);
                    case "--threads" -> o.threads = SigilBench.Options.positive(name, value);
                    case "--seconds" -> o.seconds = SigilBench.Options.positive(name, value);
                    case "--throughput-rounds" -> o.throughputRounds = SigilBench.Options.positive(name, value);
                    case "--warmup" -> o.warmup = SigilBench.Options.positive(name, value);
                    case "--warmup-passes" -> o.warmupPasses = SigilBench.Options.positive(name, value);
                    case "--clk-tck" -> o.clkTck = SigilBench.Options.positive(name, value);
                    case "--database" -> o.database = value;
                    default -> throw usage("unknown option " + name);
                }
            });
            if (o.a == null || o.b == null || o.pidA < 0 || o.pidB < 0 || o.adminPassword == null) {
                throw usage("--a, --b, --pid-a, --pid-b and --admin-password (or SIGIL_ADMIN_PASSWORD) are required");
            }
            if (o.threads < 2) {
                throw usage("--threads must be at least 2, one per node when spread");
            }
            return o;
        }

        static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "\nusage: NodesBench --a http://127.0.0.1:PORT --pid-a PID"
                    + " --b http://127.0.0.1:PORT --pid-b PID --admin-password PW [--rounds 200] [--warmup-rounds 20]"
                    + " [--threads 4] [--seconds 8] [--throughput-rounds 4] [--warmup 5] [--warmup-passes 3]"
                    + " [--clk-tck 100] [--database NAME]");
        }
    }
}
