package dev.sigil.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One scrape: the active sessions counted in the database, then every metric written out. */
@ApplicationScoped
public class MetricsScrape {

    private static final Logger LOG = Logger.getLogger(MetricsScrape.class.getName());

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    SigilMetrics metrics;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Response answer() {
        return Response.ok(metrics.scrape(this::activeSessions))
                // A string, not type(): Jersey would reorder the parameters of a MediaType.
                .header(HttpHeaders.CONTENT_TYPE, SigilMetrics.CONTENT_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** NaN when the database does not answer: the other metrics matter most exactly then. */
    private double activeSessions() {
        try {
            return em.createQuery("SELECT COUNT(s) FROM Session s WHERE s.revokedAt IS NULL"
                    + " AND s.idleExpiresAt > :now", Long.class)
                    .setParameter("now", clock.instant()).getSingleResult();
        } catch (PersistenceException e) {
            LOG.log(Level.FINE, "Active sessions not counted: the database did not answer", e);
            return Double.NaN;
        }
    }
}
