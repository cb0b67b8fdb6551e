package dev.sigil.token;

import dev.sigil.web.InvalidToken;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Authenticates protected endpoints from the bearer access token alone: a signature check and a map lookup, no SQL.
 * Registered by {@link RoleCheckFeature} at {@code Priorities.AUTHENTICATION} on every {@code @RequiresRole} method.
 */
final class BearerAuthenticationFilter implements ContainerRequestFilter {

    private final AccessTokenVerifier verifier;
    private final VerificationTimes times;

    BearerAuthenticationFilter(AccessTokenVerifier verifier, VerificationTimes times) {
        this.verifier = verifier;
        this.times = times;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(InvalidToken::missing);
        long started = System.nanoTime();
        boolean accepted = false;
        SigilPrincipal principal;
        try {
            principal = verifier.verify(token);
            accepted = true;
        } finally {
            times.verified(System.nanoTime() - started, accepted);
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new TokenSecurityContext(principal, secure));
    }

    private record TokenSecurityContext(SigilPrincipal principal, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal.roles().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
