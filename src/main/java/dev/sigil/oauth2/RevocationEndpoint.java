package dev.sigil.oauth2;

import dev.sigil.web.ClientInfo;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * POST /oauth2/revoke (RFC 7009) for public clients: {@code token}, and an optional {@code token_type_hint} that is
 * not needed (a JWT and a refresh token cannot be told apart wrongly) and so ignored, as §2.1 allows.
 */
@Path("oauth2/revoke")
@Public
@RequestScoped
public class RevocationEndpoint {

    @Inject
    TokenRevocation revocation;

    @POST
    public Response revoke(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServletRequest http) {
        FormParameters form = FormParameters.parse(contentType, body);
        ClientInfo client = PublicClient.of(form, authorization, ClientInfo.of(http));
        revocation.revoke(form.required("token"), client);
        // RFC 7009 §2.2: 200 whether or not the token was valid; the body is ignored by clients, so none is sent.
        return Response.ok().header("Cache-Control", "no-store").build();
    }
}
