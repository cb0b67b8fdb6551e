package dev.sigil.oauth2;

import dev.sigil.login.LoginRequest;
import dev.sigil.login.LoginService;
import dev.sigil.session.RefreshRotation;
import dev.sigil.session.TokenResponse;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /oauth2/token (RFC 6749 §4.3 password, §6 refresh_token): the same login and rotation as /api/auth/login and
 * /api/auth/refresh, lockout, audit and reuse detection included. The body is read here as text, whatever its content
 * type, so that a wrong one is {@code invalid_request} (RFC 6749 §5.2) rather than the runtime's 415.
 */
@Path("oauth2/token")
@Public
@RequestScoped
public class TokenEndpoint {

    /** The request attribute naming the grant being tried, for the metrics (dev.sigil.metrics.OutcomeCounting). */
    public static final String GRANT_ATTRIBUTE = "dev.sigil.oauth2.grant";

    @Inject
    LoginService logins;

    @Inject
    RefreshRotation rotation;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServletRequest http) {
        FormParameters form = FormParameters.parse(contentType, body);
        ClientInfo client = PublicClient.of(form, authorization, ClientInfo.of(http));
        String grant = form.required("grant_type");
        http.setAttribute(GRANT_ATTRIBUTE, grant);
        TokenResponse tokens = switch (grant) {
            case "password" -> logins.login(new LoginRequest(form.required("username"), form.required("password")),
                    client);
            case "refresh_token" -> rotation.refreshForClient(form.required("refresh_token"), client);
            default -> throw new UnsupportedGrantType();
        };
        // RFC 6749 §5.1
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
