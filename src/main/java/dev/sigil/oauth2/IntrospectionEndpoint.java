package dev.sigil.oauth2;

import dev.sigil.token.RequiresRole;
import dev.sigil.user.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /oauth2/introspect (RFC 7662): for an admin's bearer token (RFC 7662 §2.1 leaves the protection to the server;
 * the bearer filter answers 401 and 403 as on every protected endpoint). {@code token_type_hint} is ignored.
 */
@Path("oauth2/introspect")
@RequiresRole(Roles.ADMIN)
@RequestScoped
public class IntrospectionEndpoint {

    @Inject
    TokenIntrospection introspection;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response introspect(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        String token = FormParameters.parse(contentType, body).required("token");
        return Response.ok(introspection.introspect(token).toString()).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }
}
