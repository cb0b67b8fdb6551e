package dev.sigil.session;

import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidRequest;
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

/** POST /api/auth/refresh (SPEC §4). */
@Path("api/auth/refresh")
@Public
@RequestScoped
public class RefreshResource {

    @Inject
    RefreshRotation rotation;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(RefreshRequest request, @Context HttpServletRequest http) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw new InvalidRequest("The body must be a JSON object with the field refresh_token.");
        }
        TokenResponse tokens = rotation.refresh(request.refreshToken(), ClientInfo.of(http));
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
