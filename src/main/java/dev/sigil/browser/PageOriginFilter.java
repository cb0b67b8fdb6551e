package dev.sigil.browser;

import dev.sigil.config.SigilConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Set;

/**
 * The first half of the browser mode's CSRF proof (SPEC §8), before any body is read or anything is looked up: the
 * request's {@code Origin} must be one of SIGIL_BROWSER_ORIGINS, and its content type none that an HTML form can send
 * (the CORS-safelisted ones of the Fetch standard). Browsers send Origin on every POST; a request without one is
 * refused, as is the {@code null} origin of a sandboxed page or a cross-site redirect. The second half, the
 * X-CSRF-Token of the session, is {@link BrowserSessions}'. A refused request changes nothing.
 * <p>
 * Also clears both cookies on every 401 of these endpoints: the cookie's session is over, and a page that reloads
 * should not present it again.
 */
@Provider
@BrowserCall
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class PageOriginFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    @Inject
    SigilConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !config.browserOrigins().contains(origin)) {
            throw new CsrfRefused("The request did not come from a page of an allowed origin (the Origin header).");
        }
        MediaType type = request.getMediaType();
        if (type != null && FORM_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
            throw new CsrfRefused("A form's content type is refused here: send JSON, or no body.");
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401) {
            for (String cookie : BrowserCookies.cleared()) {
                response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
            }
        }
    }
}
