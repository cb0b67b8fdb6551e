package dev.sigil.keys;

import dev.sigil.token.RequiresRole;
import dev.sigil.user.Roles;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Timestamps;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** POST /api/admin/keys/rotate (SPEC §4). */
@Path("api/admin/keys")
@RequestScoped
@RequiresRole(Roles.ADMIN)
public class KeyAdminResource {

    @Inject
    KeyRotation rotation;

    @POST
    @Path("rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@Context SecurityContext security, @Context HttpServletRequest http) {
        SigningKeyStore.Rotation rotated = rotation.rotate(security.getUserPrincipal().getName(), ClientInfo.of(http));
        var retired = Json.createArrayBuilder();
        rotated.retired().forEach(retired::add);
        String body = Json.createObjectBuilder()
                .add("kid", rotated.kid())
                .add("algorithm", rotated.algorithm().name())
                .add("created_at", Timestamps.shown(rotated.createdAt()).toString())
                .add("retired", retired)
                .build().toString();
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
