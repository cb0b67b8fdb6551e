package dev.sigil.browser;

import dev.sigil.login.LoginRequest;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /api/browser/login, refresh, logout and logout-all (SPEC §8): the refresh token in an HttpOnly cookie. No
 * {@code @Consumes}: a form's content type must reach {@link PageOriginFilter} (403), not end at matching (415).
 */
@Path("api/browser")
@Public
@BrowserCall
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BrowserResource {

    static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    BrowserSessions sessions;

    @POST
    @Path("login")
    public Response login(LoginRequest request, @Context HttpServletRequest http) {
        return signedIn(sessions.login(request, ClientInfo.of(http)));
    }

    @POST
    @Path("refresh")
    public Response refresh(@CookieParam(BrowserCookies.REFRESH) String cookie,
            @HeaderParam(CSRF_HEADER) String proof, @Context HttpServletRequest http) {
        return signedIn(sessions.refresh(cookie, proof, ClientInfo.of(http)));
    }

    @POST
    @Path("logout")
    public Response logout(@CookieParam(BrowserCookies.REFRESH) String cookie,
            @HeaderParam(CSRF_HEADER) String proof, @Context HttpServletRequest http) {
        sessions.logout(cookie, proof, ClientInfo.of(http));
        return signedOut();
    }

    @POST
    @Path("logout-all")
    public Response logoutAll(@CookieParam(BrowserCookies.REFRESH) String cookie,
            @HeaderParam(CSRF_HEADER) String proof, @Context HttpServletRequest http) {
        sessions.logoutAll(cookie, proof, ClientInfo.of(http));
        return signedOut();
    }

    private static Response signedIn(BrowserSignIn signIn) {
        long maxAge = signIn.tokens().refreshExpiresIn();
        // RFC 6749 §5.1: token responses must not be cached.
        return Response.ok(BrowserTokenResponse.of(signIn.tokens(), signIn.csrfToken()))
                .header(HttpHeaders.SET_COOKIE, BrowserCookies.refresh(signIn.tokens().refreshToken(), maxAge))
                .header(HttpHeaders.SET_COOKIE, BrowserCookies.csrf(signIn.csrfToken(), maxAge))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static Response signedOut() {
        Response.ResponseBuilder response = Response.noContent();
        for (String cookie : BrowserCookies.cleared()) {
            response.header(HttpHeaders.SET_COOKIE, cookie);
        }
        return response.build();
    }
}
