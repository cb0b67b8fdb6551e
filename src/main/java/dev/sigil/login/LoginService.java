package dev.sigil.login;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.PasswordLimits;
import dev.sigil.session.NewSession;
import dev.sigil.session.Sessions;
import dev.sigil.session.TokenResponse;
import dev.sigil.token.AccessTokenIssuer;
import dev.sigil.password.PasswordHashes;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.user.Usernames;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.LockedOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Password login: reserves the attempt (SPEC §4 lockout), checks the credentials with no transaction open, then starts
 * a session and issues the token pair in one transaction. What a failure records (audit rows, the count) commits in
 * transactions of its own although the request fails.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    CredentialCheck credentials;

    @Inject
    AuditLog audit;

    @Inject
    Lockout lockout;

    @Inject
    UserStore users;

    @Inject
    Issue issue;

    public TokenResponse login(LoginRequest request, ClientInfo client) {
        String key = checkShape(request);
        Lockout.Attempt attempt = lockout.reserve(key);
        if (attempt.refused()) {
            // Not looked up, not judged: checked against the dummy hash only, known name or not.
            credentials.check(Optional.empty(), request.password(), true);
            audit.record(AuditType.LOCKED_OUT, request.username(), client, null);
            throw new LockedOut(attempt.retryAfter());
        }
        boolean settled = false;
        try {
            Optional<User> user = credentials.check(users.findByUsername(request.username()), request.password(), false);
            if (user.isEmpty()) {
                settled = true;
                boolean lockedNow = lockout.failed(attempt);
                audit.record(AuditType.LOGIN_FAILURE, request.username(), client, null);
                if (lockedNow) {
                    audit.record(AuditType.LOCKED_OUT, request.username(), client, Lockout.THRESHOLD_REACHED);
                }
                throw new InvalidGrant();
            }
            Optional<String> upgraded = credentials.upgradedHash(user.get(), request.password());
            TokenResponse tokens = issue.issue(user.get(), upgraded, client);
            settled = true;
            lockout.succeeded(attempt);
            return tokens;
        } finally {
            if (!settled) {
                lockout.released(attempt);
            }
        }
    }

    /** The lockout key of the name; 400 before any work for what cannot be a login. */
    private static String checkShape(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw new InvalidRequest("The body must be a JSON object with the fields username and password.");
        }
        if (request.password().isEmpty() || request.password().length() > PasswordLimits.MAX_LENGTH) {
            throw new InvalidRequest("The password must be 1 to " + PasswordLimits.MAX_LENGTH + " characters.");
        }
        return Usernames.lookupKey(request.username());
    }

    /** The transactional end of a successful login, a separate bean so that the interceptor applies. */
    @ApplicationScoped
    public static class Issue {

        @Inject
        UserStore users;

        @Inject
        Sessions sessions;

        @Inject
        AccessTokenIssuer accessTokens;

        @Inject
        AuditLog audit;

        @Transactional
        public TokenResponse issue(User checked, Optional<String> upgradedHash, ClientInfo client) {
            // Issue from the locked row, so that a role change or disable racing this login is either seen or kills
            // the token.
            User user = users.lockById(checked.id()).filter(User::isEnabled).orElseThrow(InvalidGrant::new);
            // A hash changed since the check (a password change) is newer than the upgrade: keep it.
            if (upgradedHash.isPresent() && user.passwordHash().equals(checked.passwordHash())) {
                users.replacePasswordHash(user, upgradedHash.get());
                audit.record(AuditType.PASSWORD_REHASHED, user.username(), null,
                        "from " + PasswordHashes.scheme(checked.passwordHash()) + " to $argon2id$");
            }
            NewSession session = sessions.start(user.id(), client);
            TokenResponse tokens = TokenResponse.of(accessTokens.issue(user.id(), user.username(), user.roles(),
                    session.sessionId(), user.revokedBefore()), session);
            audit.record(AuditType.LOGIN_SUCCESS, user.username(), client, "session " + session.sessionId());
            return tokens;
        }
    }
}
