package dev.sigil.token;

import dev.sigil.web.InsufficientScope;
import dev.sigil.web.InvalidToken;
import dev.sigil.web.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Puts bearer authentication and the role check on every resource method that carries {@code @RequiresRole}
 * (on the method, else on the class), in the same way on Jersey and RESTEasy. Deny by default: a method marked
 * neither {@code @RequiresRole} nor {@link Public} answers every request with 401.
 */
@Provider
@ApplicationScoped
public class RoleCheckFeature implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(RoleCheckFeature.class.getName());

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    VerificationTimes verificationTimes;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().getClassLoader() != RoleCheckFeature.class.getClassLoader()) {
            return; // the runtime's own methods, such as its OPTIONS answers (an Allow header and nothing else)
        }
        Optional<Access> access = accessOf(resource.getResourceMethod(), resource.getResourceClass());
        if (access.isEmpty()) {
            LOG.warning(() -> "Resource method " + resource.getResourceClass().getName() + "."
                    + resource.getResourceMethod().getName() + " has neither @RequiresRole nor @Public: it answers 401");
            context.register(new Denied(), Priorities.AUTHENTICATION);
            return;
        }
        if (access.get().isPublic()) {
            return;
        }
        context.register(new BearerAuthenticationFilter(verifier, verificationTimes), Priorities.AUTHENTICATION);
        context.register(new RoleCheck(access.get().roles()), Priorities.AUTHORIZATION);
    }

    /** Who may call a resource method: anyone, or a caller with one of the roles. */
    public record Access(boolean isPublic, Set<String> roles) {
    }

    /** The method's own annotation decides, else its class's; empty when neither says. */
    public static Optional<Access> accessOf(Method method, Class<?> resourceClass) {
        return declared(method.getAnnotation(RequiresRole.class), method.isAnnotationPresent(Public.class))
                .or(() -> declared(resourceClass.getAnnotation(RequiresRole.class),
                        resourceClass.isAnnotationPresent(Public.class)));
    }

    private static Optional<Access> declared(RequiresRole roles, boolean isPublic) {
        if (roles != null) {
            return Optional.of(new Access(false, Set.of(roles.value())));
        }
        return isPublic ? Optional.of(new Access(true, Set.of())) : Optional.empty();
    }

    /** 401 for a method whose author forgot to say who may call it. */
    private static final class Denied implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            throw InvalidToken.missing();
        }
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
