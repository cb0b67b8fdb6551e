package dev.sigil.password;

import dev.sigil.token.RequiresRole;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.Roles;
import dev.sigil.web.ClientInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** POST /api/auth/password (SPEC §4). */
@Path("api/auth/password")
@RequestScoped
public class PasswordResource {

    @Inject
    PasswordChange passwords;

    @POST
    @RequiresRole(Roles.USER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(PasswordChangeRequest request, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        passwords.change((SigilPrincipal) security.getUserPrincipal(), request, ClientInfo.of(http));
        return Response.noContent().build();
    }
}
