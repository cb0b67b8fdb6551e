package dev.sigil.token;

import dev.sigil.web.InsufficientScope;
import dev.sigil.web.InvalidToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Puts bearer authentication and the role check on every resource method that carries {@code @RequiresRole}
 * (on the method, else on the class), in the same way on Jersey and RESTEasy. Public endpoints get neither.
 */
@Provider
@ApplicationScoped
public class RoleCheckFeature implements DynamicFeature {

    @Inject
    AccessTokenVerifier verifier;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresRole allowed = resource.getResourceMethod().getAnnotation(RequiresRole.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RequiresRole.class);
        }
        if (allowed == null) {
            return;
        }
        context.register(new BearerAuthenticationFilter(verifier), Priorities.AUTHENTICATION);
        context.register(new RoleCheck(Set.of(allowed.value())), Priorities.AUTHORIZATION);
    }

    /** 403 {@code insufficient_scope} unless the caller has one of the roles. */
    private record RoleCheck(Set<String> roles) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security == null || !(security.getUserPrincipal() instanceof SigilPrincipal)) {
                throw InvalidToken.missing();
            }
            if (roles.stream().noneMatch(security::isUserInRole)) {
                throw new InsufficientScope();
            }
        }
    }
}
