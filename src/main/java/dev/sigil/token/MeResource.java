package dev.sigil.token;

import dev.sigil.user.Roles;
import dev.sigil.web.Timestamps;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Set;

/** GET /api/me: who the access token says the caller is, from the token alone (no SQL). */
@Path("api/me")
@RequestScoped
public class MeResource {

    @GET
    @RequiresRole(Roles.USER)
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@Context SecurityContext security) {
        SigilPrincipal caller = (SigilPrincipal) security.getUserPrincipal();
        return Response.ok(new MeView(caller.userId(), caller.username(), caller.roles(), caller.sessionId(),
                caller.expiresAt())).header("Cache-Control", "no-store").build();
    }

    @JsonbPropertyOrder({"id", "username", "roles", "sessionId", "expiresAt"})
    public record MeView(
            String id,
            String username,
            Set<String> roles,
            @JsonbProperty("session_id") String sessionId,
            @JsonbProperty("expires_at") Instant expiresAt) {

        public MeView {
            expiresAt = Timestamps.shown(expiresAt);
        }
    }
}
