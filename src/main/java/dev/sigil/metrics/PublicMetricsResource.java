package dev.sigil.metrics;

import dev.sigil.config.SigilConfig;
import dev.sigil.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * GET /api/metrics: the same metrics without a token, for a scraper on a private network, only when
 * SIGIL_METRICS_PUBLIC=true; otherwise the 404 of an unknown path.
 */
@Path("api/metrics")
@RequestScoped
@Public
public class PublicMetricsResource {

    @Inject
    SigilConfig config;

    @Inject
    MetricsScrape scrape;

    @GET
    public Response metrics() {
        if (!config.metricsPublic()) {
            // The very answer of an unknown path (WebApplicationExceptionMapper), so the switch is not seen from outside.
            throw new NotFoundException();
        }
        return scrape.answer();
    }
}
