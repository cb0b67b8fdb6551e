package dev.sigil.metrics;

import dev.sigil.browser.BrowserResource;
import dev.sigil.login.LoginResource;
import dev.sigil.metrics.SigilMetrics.Outcome;
import dev.sigil.oauth2.TokenEndpoint;
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
        } else if (resource.getResourceClass() == BrowserResource.class
                && resource.getResourceMethod().getName().equals("login")) {
            context.register(new CountOutcome(metrics::login));
        } else if (resource.getResourceClass() == BrowserResource.class
                && resource.getResourceMethod().getName().equals("refresh")) {
            context.register(new CountOutcome(metrics::refresh));
        } else if (resource.getResourceClass() == TokenEndpoint.class) {
            context.register(new CountGrantOutcome(metrics));
        }
    }

    /**
     * The same outcomes on /oauth2/token, where RFC 6749 answers a failed grant 400 {@code invalid_grant} (with
     * {@code Retry-After} while the name is locked) and a malformed request 400 {@code invalid_request}.
     */
    static Outcome ofGrant(int status, boolean retryAfter, Object entity) {
        if (status == 400 && retryAfter) {
            return Outcome.LOCKED;
        }
        if (status == 400) {
            return String.valueOf(entity).contains("\"error\":\"invalid_grant\"") ? Outcome.FAILURE : Outcome.INVALID;
        }
        return status == 401 ? Outcome.INVALID : of(status);
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

    /** Counts a password or refresh_token grant (named by {@link TokenEndpoint#GRANT_ATTRIBUTE}); others not. */
    private record CountGrantOutcome(SigilMetrics metrics) implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            Object grant = request.getProperty(TokenEndpoint.GRANT_ATTRIBUTE);
            Consumer<Outcome> counter = "password".equals(grant) ? metrics::login
                    : "refresh_token".equals(grant) ? metrics::refresh : null;
            if (counter != null) {
                counter.accept(ofGrant(response.getStatus(), response.getHeaderString("Retry-After") != null,
                        response.getEntity()));
            }
        }
    }

    private record CountOutcome(Consumer<Outcome> counter) implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            counter.accept(of(response.getStatus()));
        }
    }
}
