package dev.sigil.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Reads from the database the revocations made since a point in time and applies them to the in-memory view: at
 * start (everything whose tokens may still be live), and whenever a node may have missed a change pushed by another.
 * Applying a revocation twice changes nothing, so reading too much is only wasted work, never an error.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RevocationCatchUp {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    RevocationRegistry registry;

    /** How many revocations were read, and how many of them this node did not know yet. */
    public record Result(int read, int applied) {

        public Result plus(Result other) {
            return new Result(read + other.read, applied + other.applied);
        }
    }

    /** Applies every session revocation and user revocation point recorded after {@code since}. */
    public Result since(Instant since) {
        Instant from = since.isBefore(registry.horizon()) ? registry.horizon() : since;
        int read = 0;
        int applied = 0;
        for (Object[] row : rows("SELECT s.id, s.revokedAt FROM Session s WHERE s.revokedAt > :since", from)) {
            read++;
            applied += registry.sessionRevokedAt((String) row[0], (Instant) row[1]) ? 1 : 0;
        }
        for (Object[] row : rows("SELECT u.id, u.revokedBefore FROM User u WHERE u.revokedBefore > :since", from)) {
            read++;
            applied += registry.revokeUserTokens((String) row[0], (Instant) row[1]) ? 1 : 0;
        }
        return new Result(read, applied);
    }

    /** Everything that can still matter: revocations whose tokens may not have expired yet. */
    public Result everythingLive() {
        return since(registry.horizon());
    }

    private List<Object[]> rows(String jpql, Instant since) {
        return em.createQuery(jpql, Object[].class).setParameter("since", since).getResultList();
    }
}
