package dev.sigil.health;

import dev.sigil.cluster.ListenerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows whether other nodes' changes reach this one as they happen (listening) or by polling (listener down). Never
 * fails readiness: a polling node still refuses every revoked token, only up to one poll interval later.
 */
@Readiness
@ApplicationScoped
public class ChangeListenerReadiness implements HealthCheck {

    @Inject
    ListenerState state;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("change-listener").up()
                .withData("state", state.label())
                .withData("since", state.since().toString())
                .withData("notices_applied", state.noticesApplied());
        if (state.lastCatchUp() != null) {
            response.withData("last_catch_up", state.lastCatchUp().toString())
                    .withData("last_catch_up_applied", state.lastCatchUpApplied());
        }
        if (state.problem() != null) {
            response.withData("problem", state.problem());
        }
        return response.build();
    }
}
