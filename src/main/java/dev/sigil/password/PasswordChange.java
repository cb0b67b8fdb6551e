package dev.sigil.password;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.PasswordLimits;
import dev.sigil.session.SessionControl;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.InvalidToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Changes the caller's password and ends all their OTHER sessions (SPEC §4). */
@ApplicationScoped
public class PasswordChange {

    @Inject
    UserStore users;

    @Inject
    Argon2idHasher hasher;

    @Inject
    PasswordHashes hashes;

    @Inject
    PasswordPolicy policy;

    @Inject
    SessionControl sessions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public void change(SigilPrincipal caller, PasswordChangeRequest request, ClientInfo client) {
        if (request == null || request.currentPassword() == null || request.newPassword() == null
                || request.currentPassword().length() > PasswordLimits.MAX_LENGTH) {
            throw new InvalidRequest("The body must be a JSON object with current_password and new_password.");
        }
        User user = users.lockById(caller.userId()).orElseThrow(InvalidToken::rejected);
        if (!hashes.verify(request.currentPassword(), user.passwordHash())) {
            throw new InvalidGrant();
        }
        policy.check(user.username(), request.newPassword());
        user.replacePasswordHash(hasher.hash(request.newPassword()), clock.instant());
        sessions.endAllSessions(user.id(), caller.sessionId(), clock.instant());
        audit.record(AuditType.PASSWORD_CHANGED, user.username(), client, null);
    }
}
