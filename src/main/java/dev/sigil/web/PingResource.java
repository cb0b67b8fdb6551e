package dev.sigil.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/ping: an unauthenticated no-op, the baseline against which the bench measures authentication's cost. */
@Path("api/ping")
@Public
@RequestScoped
public class PingResource {

    public record Pong(String status) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        return new Pong("ok");
    }
}
