package dev.sigil.oauth2;

import dev.sigil.config.SigilConfig;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * GET /.well-known/oauth-authorization-server (RFC 8414), every URL built from SIGIL_ISSUER. There is no
 * authorization endpoint, so {@code response_types_supported} (REQUIRED by §2) is empty, and {@code
 * grant_types_supported} is given because its default names grants Sigil does not have. Neither RFC 8414 nor RFC 9068
 * registers a member for the access tokens' signing algorithm; {@code access_token_signing_alg_values_supported} is
 * Sigil's own (§2 allows additional members), next to {@code jwks_uri}.
 */
@Path(".well-known/oauth-authorization-server")
@Public
@RequestScoped
public class AuthorizationServerMetadata {

    @Inject
    SigilConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        String issuer = config.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String json = Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("token_endpoint", base + "/oauth2/token")
                .add("revocation_endpoint", base + "/oauth2/revoke")
                .add("introspection_endpoint", base + "/oauth2/introspect")
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("grant_types_supported", array("password", "refresh_token"))
                .add("response_types_supported", array())
                .add("token_endpoint_auth_methods_supported", array("none"))
                .add("revocation_endpoint_auth_methods_supported", array("none"))
                // RFC 8414 §2 lets this name an access token type (IANA "OAuth Access Token Types"): an admin's Bearer.
                .add("introspection_endpoint_auth_methods_supported", array("Bearer"))
                .add("access_token_signing_alg_values_supported", array(config.jwtAlgorithm().name()))
                .build().toString();
        return Response.ok(json).header("Cache-Control", "public, max-age=60").build();
    }

    private static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        Arrays.stream(values).forEach(array::add);
        return array;
    }
}
