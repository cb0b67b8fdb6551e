package dev.sigil.password;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.PasswordLimits;
import dev.sigil.login.Lockout;
import dev.sigil.session.SessionControl;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.user.Usernames;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Conflict;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.InvalidToken;
import dev.sigil.web.LockedOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Changes the caller's password and ends all their OTHER sessions (SPEC §4). The current password is an attempt on the
 * username like a login: reserved before the hash, counted toward the same lockout, audited when wrong. Hashing runs
 * in the {@link HashBulkhead} with no transaction open; the change itself is one short transaction.
 */
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
    HashBulkhead bulkhead;

    @Inject
    Lockout lockout;

    @Inject
    AuditLog audit;

    @Inject
    Store store;

    public void change(SigilPrincipal caller, PasswordChangeRequest request, ClientInfo client) {
        if (request == null || request.currentPassword() == null || request.newPassword() == null
                || request.currentPassword().length() > PasswordLimits.MAX_LENGTH) {
            throw new InvalidRequest("The body must be a JSON object with current_password and new_password.");
        }
        User user = users.findById(caller.userId()).orElseThrow(InvalidToken::rejected);
        policy.check(user.username(), request.newPassword());
        Lockout.Attempt attempt = lockout.reserve(Usernames.key(user.username()));
        if (attempt.refused()) {
            audit.record(AuditType.LOCKED_OUT, user.username(), client, "password change");
            throw new LockedOut(attempt.retryAfter());
        }
        boolean settled = false;
        try {
            if (!bulkhead.run(() -> hashes.verify(request.currentPassword(), user.passwordHash()))) {
                settled = true;
                boolean lockedNow = lockout.failed(attempt);
                audit.record(AuditType.LOGIN_FAILURE, user.username(), client, "password change: wrong current password");
                if (lockedNow) {
                    audit.record(AuditType.LOCKED_OUT, user.username(), client, Lockout.THRESHOLD_REACHED);
                }
                throw new InvalidGrant();
            }
            String newHash = bulkhead.run(() -> hasher.hash(request.newPassword()));
            store.replace(caller, user.passwordHash(), newHash, client);
            settled = true;
            lockout.succeeded(attempt);
        } finally {
            if (!settled) {
                lockout.released(attempt);
            }
        }
    }

    /** The transactional write, a separate bean so that the interceptor applies. */
    @ApplicationScoped
    public static class Store {

        @Inject
        UserStore users;

        @Inject
        SessionControl sessions;

        @Inject
        AuditLog audit;

        @Inject
        Clock clock;

        @Transactional
        public void replace(SigilPrincipal caller, String checkedHash, String newHash, ClientInfo client) {
            User user = users.lockById(caller.userId()).orElseThrow(InvalidToken::rejected);
            if (!user.passwordHash().equals(checkedHash)) {
                throw new Conflict("The password was changed meanwhile; sign in again with the new one.");
            }
            user.replacePasswordHash(newHash, clock.instant());
            sessions.endAllSessions(user.id(), caller.sessionId(), clock.instant());
            audit.record(AuditType.PASSWORD_CHANGED, user.username(), client, null);
        }
    }
}
