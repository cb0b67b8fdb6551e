package dev.sigil.session;

import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Read-only questions about sessions and refresh tokens (token introspection, RFC 7662). Changes nothing. */
@ApplicationScoped
@Transactional
public class SessionLookup {

    /** What introspection may tell about a live refresh token. */
    public record LiveRefreshToken(String userId, String username, String sessionId, String clientId,
            Instant issuedAt, Instant expiresAt) {
    }

    @PersistenceContext(unitName = "sigil")
    EntityManager em;

    @Inject
    UserStore users;

    @Inject
    Clock clock;

    /**
     * The token when a refresh would rotate it now: the unspent, unexpired token of an active session of an enabled
     * user. Empty for anything else: unknown, spent (even within the reuse grace, where a refresh would replay the live
     * token rather than accept this one), expired, revoked, or a disabled or deleted user's.
     */
    public Optional<LiveRefreshToken> liveRefreshToken(String presented) {
        Instant now = clock.instant();
        return RefreshToken.findPresented(em, presented)
                .filter(token -> !token.isSpent() && now.isBefore(token.expiresAt()) && token.session().isActive(now))
                .flatMap(token -> users.findById(token.session().userId()).filter(User::isEnabled)
                        .map(user -> new LiveRefreshToken(user.id(), user.username(), token.session().id(),
                                token.session().clientId(), token.issuedAt(), token.expiresAt())));
    }

    /**
     * The CSRF token of the session of {@code presented}, any token of its family, live or spent, for the browser
     * mode's check that a request came from the page that holds the session (SPEC §8). Empty for a token Sigil never
     * issued (or whose session was purged).
     */
    public Optional<String> csrfTokenOf(String presented) {
        return RefreshToken.findPresented(em, presented).map(token -> token.session().csrfToken());
    }

    /** The client_id a session was started for; empty for none, or no such session. */
    public Optional<String> clientIdOf(String sessionId) {
        return Optional.ofNullable(em.find(Session.class, sessionId)).map(Session::clientId);
    }
}
