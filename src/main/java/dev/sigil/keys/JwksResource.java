package dev.sigil.keys;

import dev.sigil.config.SigilConfig;
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

    @Inject
    SigilConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        // A rotated-in key signs only SIGIL_KEY_ACTIVATION_DELAY after it is published here, longer than this max-age:
        // a verifier that caches this document and never refetches on an unknown kid has the new key by then.
        return Response.ok(keyRing.keys().jwks())
                .header("Cache-Control", "public, max-age=" + config.jwksMaxAge().toSeconds()).build();
    }
}
