package dev.sigil.login;

import dev.sigil.session.TokenResponse;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** POST /api/auth/login (SPEC §4). */
@Path("api/auth/login")
@Public
@RequestScoped
public class LoginResource {

    @Inject
    LoginService logins;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest request, @Context HttpServletRequest http) {
        TokenResponse tokens = logins.login(request, ClientInfo.of(http));
        // RFC 6749 §5.1: token responses must not be cached.
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
