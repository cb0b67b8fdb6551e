package dev.sigil.it;

import java.util.HashMap;
import java.util.Map;

/**
 * Two Sigil nodes on distinct ports sharing one PostgreSQL database, as behind a load balancer: the same issuer, the
 * same admin, the generated signing key shared through the database (sealed with a shared secret).
 */
final class TwoNodes implements AutoCloseable {

    static final String ISSUER = "http://sigil-nodes.test";

    final TestPostgres.Database database;
    final SigilServer a;
    final SigilServer b;

    private TwoNodes(TestPostgres.Database database, SigilServer a, SigilServer b) {
        this.database = database;
        this.a = a;
        this.b = b;
    }

    /** Creates the database and starts A (which migrates it), then B. */
    static TwoNodes start(String name, Map<String, String> extraEnv) {
        TestPostgres.Database database = TestPostgres.create("sigil_" + name);
        Map<String, String> env = new HashMap<>(database.sigilEnv());
        env.put("SIGIL_ISSUER", ISSUER);
        env.put("SIGIL_ADMIN_PASSWORD", SigilServer.randomSecret());
        env.put("SIGIL_KEY_ENCRYPTION_SECRET", SigilServer.randomSecret() + SigilServer.randomSecret());
        // Two servers and a test on a shared 2-core machine: a login may wait its turn for a hash slot longer than 2 s.
        env.put("SIGIL_HASH_QUEUE_WAIT", "PT30S");
        env.putAll(extraEnv);
        SigilServer a = SigilServer.dedicated(name + "-a", env).start();
        SigilServer b = SigilServer.dedicated(name + "-b", env).start();
        return new TwoNodes(database, a, b);
    }

    @Override
    public void close() {
        b.stop();
        a.stop();
        database.drop();
    }
}
