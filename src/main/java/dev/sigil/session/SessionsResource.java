package dev.sigil.session;

import dev.sigil.token.RequiresRole;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.Roles;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/** Logout, logout-all and the caller's own sessions (SPEC §4). */
@Path("api/auth")
@RequestScoped
@RequiresRole(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    SessionControl control;

    /** The body is optional, so it is read here rather than by the JSON reader, which demands one. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response logout(String body, @Context SecurityContext security, @Context HttpServletRequest http) {
        Optional<String> refreshToken = JsonBodies.optional(body, RefreshRequest.class).map(RefreshRequest::refreshToken);
        control.logout(caller(security), refreshToken, ClientInfo.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("logout-all")
    public Response logoutAll(@Context SecurityContext security, @Context HttpServletRequest http) {
        control.logoutAll(caller(security), ClientInfo.of(http));
        return Response.noContent().build();
    }

    @GET
    @Path("sessions")
    public Response sessions(@Context SecurityContext security) {
        return Response.ok(control.list(caller(security))).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("sessions/{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        control.delete(caller(security), id, ClientInfo.of(http));
        return Response.noContent().build();
    }

    private static SigilPrincipal caller(SecurityContext security) {
        return (SigilPrincipal) security.getUserPrincipal();
    }
}
