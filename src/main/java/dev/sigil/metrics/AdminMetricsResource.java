package dev.sigil.metrics;

import dev.sigil.token.RequiresRole;
import dev.sigil.user.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** GET /api/admin/metrics: the metrics in the Prometheus text format, for an admin's bearer token. */
@Path("api/admin/metrics")
@RequestScoped
@RequiresRole(Roles.ADMIN)
public class AdminMetricsResource {

    @Inject
    MetricsScrape scrape;

    @GET
    public Response metrics() {
        return scrape.answer();
    }
}
