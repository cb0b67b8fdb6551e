package dev.sigil.login;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.PasswordLimits;
import dev.sigil.session.NewSession;
import dev.sigil.session.Sessions;
import dev.sigil.session.TokenResponse;
import dev.sigil.token.AccessTokenIssuer;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.LockedOut;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Password login: checks the credentials, starts a session, issues the token pair. */
@ApplicationScoped
public class LoginService {

    /** Longer names cannot exist (64 is the limit); 256 leaves room for typos without storing garbage. */
    static final int MAX_USERNAME_LENGTH = 256;

    @Inject
    CredentialCheck credentials;

    @Inject
    Sessions sessions;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    AuditLog audit;

    @Inject
    Lockout lockout;

    @Inject
    UserStore users;

    // What a failure records (audit rows, the failure count) must commit although the request fails (SPEC §4).
    @Transactional(dontRollbackOn = {InvalidGrant.class, LockedOut.class})
    public TokenResponse login(LoginRequest request, ClientInfo client) {
        checkShape(request);
        Duration locked = lockout.lockedFor(request.username());
        // The hash work runs on every branch, locked included, so timing tells nothing.
        User user = credentials.check(request.username(), request.password()).orElse(null);
        if (!locked.isZero()) {
            audit.record(AuditType.LOCKED_OUT, request.username(), client, null);
            throw new LockedOut(locked);
        }
        if (user == null) {
            audit.record(AuditType.LOGIN_FAILURE, request.username(), client, null);
            if (lockout.recordFailure(request.username())) {
                audit.record(AuditType.LOCKED_OUT, request.username(), client, "threshold reached");
            }
            throw new InvalidGrant();
        }
        // Issue from the locked row, so that a role change or disable racing this login is either seen or kills the token.
        user = users.lockById(user.id()).filter(User::isEnabled).orElseThrow(InvalidGrant::new);
        credentials.upgradeHash(user, request.password());
        lockout.reset(request.username());
        NewSession session = sessions.start(user.id(), client);
        TokenResponse tokens = TokenResponse.of(
                accessTokens.issue(user.id(), user.username(), user.roles(), session.sessionId(), user.revokedBefore()), session);
        audit.record(AuditType.LOGIN_SUCCESS, user.username(), client, "session " + session.sessionId());
        return tokens;
    }

    private static void checkShape(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw new InvalidRequest("The body must be a JSON object with the fields username and password.");
        }
        if (request.username().isBlank() || request.username().length() > MAX_USERNAME_LENGTH) {
            throw new InvalidRequest("The username must be 1 to " + MAX_USERNAME_LENGTH + " characters.");
        }
        if (request.password().isEmpty() || request.password().length() > PasswordLimits.MAX_LENGTH) {
            throw new InvalidRequest("The password must be 1 to " + PasswordLimits.MAX_LENGTH + " characters.");
        }
    }
}
