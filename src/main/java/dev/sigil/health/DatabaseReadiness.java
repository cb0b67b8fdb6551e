package dev.sigil.health;

import dev.sigil.config.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the schema is migrated and the database answers. A probe never waits more than
 * {@value #PROBE_BUDGET_MILLIS} ms: a connection that cannot be had in time (a pool waiting on a dead server, a
 * connect timeout) counts as unreachable, and at most one check runs at a time however often the probe comes.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private static final long PROBE_BUDGET_MILLIS = 3000;

    @Resource(lookup = "java:app/jdbc/sigil")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SchemaMigration schema;

    private Future<Boolean> check;

    /**
     * Creates the bean (and injects its resources) while the application starts: WildFly calls health checks on a
     * management thread, where {@code java:app} and {@code java:comp} names do not resolve (issue 13).
     */
    void createdAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // nothing to do: being called creates the bean
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = reachable();
        return HealthCheckResponse.named("database")
                .status(reachable && schema.isMigrated())
                .withData("reachable", reachable)
                .withData("migrated", schema.isMigrated())
                .build();
    }

    private boolean reachable() {
        try {
            return currentCheck().get(PROBE_BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillWaitingOrFailed) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The check still running, or a new one: a hung one is waited on again, never piled up. */
    private synchronized Future<Boolean> currentCheck() {
        if (check == null || check.isDone()) {
            check = executor.submit(this::connects);
        }
        return check;
    }

    private boolean connects() {
        // With pool validation on, a pooled connection whose session died is replaced before it gets here.
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
