package dev.sigil.keys;

import dev.sigil.token.RequiresRole;
import dev.sigil.user.Roles;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.JsonBodies;
import dev.sigil.web.Timestamps;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** POST /api/admin/keys/rotate (SPEC §4). */
@Path("api/admin/keys")
@RequestScoped
@RequiresRole(Roles.ADMIN)
public class KeyAdminResource {

    @Inject
    KeyRotation rotation;

    /** The body is optional (none: a delayed rotation), so it is read here rather than by the JSON reader. */
    @POST
    @Path("rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(String body, @Context SecurityContext security, @Context HttpServletRequest http) {
        boolean immediate = JsonBodies.optional(body, RotateRequest.class).map(RotateRequest::immediate).orElse(false);
        SigningKeyStore.Rotation rotated = rotation.rotate(immediate, security.getUserPrincipal().getName(),
                ClientInfo.of(http));
        String json = Json.createObjectBuilder()
                .add("kid", rotated.kid())
                .add("algorithm", rotated.algorithm().name())
                .add("created_at", Timestamps.shown(rotated.createdAt()).toString())
                .add("activates_at", Timestamps.shown(rotated.activatesAt()).toString())
                .add("retired", array(rotated.retired()))
                .add("withdrawn", array(rotated.withdrawn()))
                .build().toString();
        return Response.ok(json).header("Cache-Control", "no-store").build();
    }

    private static JsonArrayBuilder array(List<String> kids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        kids.forEach(array::add);
        return array;
    }
}
