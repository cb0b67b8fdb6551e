package dev.sigil.user;

import dev.sigil.revocation.Revocations;
import dev.sigil.web.Conflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Reads and writes user rows. */
@ApplicationScoped
@Transactional
public class UserStore {

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Revocations revocations;

    public Optional<User> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery("User.findByKey", User.class)
                .setParameter("key", Usernames.key(username))
                .getResultStream()
                .findFirst();
    }

    public Optional<User> findById(String id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * The user, re-read with a row lock held until the transaction ends. Everything that issues tokens (login, refresh)
     * or changes what they may claim (roles, disable, delete, logout-all) takes this lock first, before any session
     * row: so a token is either issued before a change commits (and dies by its revocation point) or after it (and
     * carries the new state), and lock order is always user, then session.
     */
    public Optional<User> lockById(String id) {
        return Optional.ofNullable(em.find(User.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    /** Enabled users with the admin role, locked, in id order. */
    public java.util.List<User> lockEnabledAdmins() {
        return em.createNamedQuery("User.enabledAdmins", User.class)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public long count() {
        return em.createNamedQuery("User.count", Long.class).getSingleResult();
    }

    /**
     * Moves the user's revocation point to {@code point}: access tokens issued at or before it are dead. Stored (a
     * restarting node reloads it) and handed to the in-memory view the bearer filter consults, always together.
     */
    public void revokeAccessTokens(User user, java.time.Instant point) {
        user.revokeTokensBefore(point);
        revocations.revokeUserTokens(user.id(), point);
    }

    /** Users ordered by username, one page. */
    public java.util.List<User> list(int offset, int limit) {
        return em.createNamedQuery("User.list", User.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public void replacePasswordHash(User user, String newHash) {
        em.merge(user).replacePasswordHash(newHash, clock.instant());
    }

    public void delete(User user) {
        em.remove(user);
    }

    /** Inserts a user; {@link Conflict} when the name is taken, compared case-insensitively. */
    public User create(String username, String passwordHash, Set<String> roles) {
        Usernames.check(username);
        if (findByUsername(username).isPresent()) {
            throw duplicate();
        }
        User user = new User(username, passwordHash, roles, clock.instant());
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException raceWithAnotherInsert) {
            // The unique key on username_key decides between two concurrent creations of the same name.
            throw duplicate();
        }
        return user;
    }

    private static Conflict duplicate() {
        return new Conflict("A user with this username exists already (usernames are case-insensitive).");
    }
}
