package dev.sigil.consumer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Methods guarded by the roles in a Sigil access token; the verified token itself is injected. */
@Path("greeting")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    public JsonObject hello() {
        return Json.createObjectBuilder()
                .add("upn", token.getName())
                .add("sub", token.getSubject())
                .add("groups", Json.createArrayBuilder(token.getGroups()))
                .build();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public JsonObject admin() {
        return Json.createObjectBuilder().add("upn", token.getName()).add("admin", true).build();
    }
}
