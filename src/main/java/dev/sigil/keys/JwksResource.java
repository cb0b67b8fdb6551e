package dev.sigil.keys;

import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 7517 JWK set of every public key whose tokens may still be live. HS256 publishes none. */
@Path(".well-known/jwks.json")
@Public
@RequestScoped
public class JwksResource {

    @Inject
    KeyRing keyRing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        // Short max-age: after a rotation, verifiers that meet an unknown kid refetch anyway.
        return Response.ok(keyRing.keys().jwks()).header("Cache-Control", "public, max-age=60").build();
    }
}
