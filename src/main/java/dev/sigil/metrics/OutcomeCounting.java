package dev.sigil.metrics;

import dev.sigil.login.LoginResource;
import dev.sigil.metrics.SigilMetrics.Outcome;
import dev.sigil.session.RefreshResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.function.Consumer;

/**
 * Counts logins and refreshes by what the client was answered, in one place: the audit trail sees neither a 503 (no
 * hash slot, no database) nor a refused body, and the answer is the outcome a client (and an alert) cares about.
 */
@Provider
@ApplicationScoped
public class OutcomeCounting implements DynamicFeature {

    @Inject
    SigilMetrics metrics;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass() == LoginResource.class) {
            context.register(new CountOutcome(metrics::login));
        } else if (resource.getResourceClass() == RefreshResource.class) {
            context.register(new CountOutcome(metrics::refresh));
        }
    }

    /** 2xx success, 401 failure ({@code invalid_grant}), 429 locked, 503 busy, another 4xx invalid, 5xx error. */
    static Outcome of(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.SUCCESS;
        }
        return switch (status) {
            case 401 -> Outcome.FAILURE;
            case 429 -> Outcome.LOCKED;
            case 503 -> Outcome.BUSY;
            default -> status < 500 ? Outcome.INVALID : Outcome.ERROR;
        };
    }

    private record CountOutcome(Consumer<Outcome> counter) implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            counter.accept(of(response.getStatus()));
        }
    }
}
