package dev.sigil.user;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.HashBulkhead;
import dev.sigil.password.PasswordHashes;
import dev.sigil.password.PasswordPolicy;
import dev.sigil.login.Lockout;
import dev.sigil.revocation.Revocations;
import dev.sigil.session.SessionControl;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Conflict;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.NotFound;
import dev.sigil.web.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The user lifecycle as the admin API drives it. Whatever changes what a user's access tokens may say (roles, enabled,
 * existence) moves the user's revocation point to now, so old tokens fail at once on this node.
 */
@ApplicationScoped
public class UserAccounts {

    @Inject
    UserStore users;

    @Inject
    PasswordPolicy policy;

    @Inject
    Argon2idHasher hasher;

    @Inject
    PasswordHashes hashes;

    @Inject
    HashBulkhead bulkhead;

    @Inject
    AuditLog audit;

    @Inject
    SessionControl sessions;

    @Inject
    Revocations revocations;

    @Inject
    Lockout lockout;

    @Inject
    Clock clock;

    /** The most users one page of GET /api/admin/users returns. */
    public static final int MAX_PAGE = 1000;

    // Not one transaction: the Argon2id work runs in the bulkhead with no connection held; the row and its audit
    // event commit each in its own short transaction.
    public UserView create(CreateUserRequest request, ClientInfo client) {
        if (request == null || request.username() == null) {
            throw new InvalidRequest("The body must be a JSON object with username, password and roles.");
        }
        Usernames.check(request.username());
        if ((request.password() == null) == (request.passwordHash() == null)) {
            throw new InvalidRequest("Give exactly one of password or password_hash (a hash imported from another system).");
        }
        String hash;
        if (request.password() != null) {
            policy.check(request.username(), request.password());
            hash = null;
        } else {
            hashes.problem(request.passwordHash()).ifPresent(problem -> {
                throw new ValidationFailed(problem);
            });
            hash = request.passwordHash();
        }
        Set<String> roles = Roles.of(request.roles());
        // Hash after the cheap checks: a rejected request costs no Argon2 work.
        User user = users.create(request.username(),
                hash != null ? hash : bulkhead.run(() -> hasher.hash(request.password())), roles);
        audit.record(AuditType.USER_CREATED, user.username(), client, "roles=" + String.join(" ", roles)
                + (hash != null ? ", imported " + PasswordHashes.scheme(hash) + " hash" : ""));
        return UserView.of(user);
    }

    public UserView find(String username) {
        return users.findByUsername(username).map(UserView::of)
                .orElseThrow(() -> new NotFound("There is no user with this username."));
    }

    public List<UserView> list(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("offset must be >= 0 and limit 1 to " + MAX_PAGE + ".");
        }
        return users.list(offset, limit).stream().map(UserView::of).toList();
    }

    /** Replaces the roles; the user's access tokens issued until now stop working, the next refresh carries them. */
    @Transactional
    public UserView changeRoles(String username, List<String> requested, String actor, ClientInfo client) {
        if (requested == null) {
            throw new InvalidRequest("The body must be a JSON array of role names.");
        }
        Set<String> roles = Roles.of(requested);
        if (!roles.contains(Roles.ADMIN)) {
            keepAnAdmin(username, "remove the admin role from");
        }
        User user = existing(username);
        Instant now = clock.instant();
        user.changeRoles(roles, now);
        users.revokeAccessTokens(user, now);
        audit.record(AuditType.ROLES_CHANGED, user.username(), client, "roles=" + String.join(" ", roles) + " by " + actor);
        return UserView.of(user);
    }

    /** Blocks login (the same 401 as a wrong password) and ends every session and access token. */
    @Transactional
    public void disable(String username, String actor, ClientInfo client) {
        keepAnAdmin(username, "disable");
        User user = existing(username);
        Instant now = clock.instant();
        user.setEnabled(false, now);
        sessions.endAllSessions(user.id(), null, now);
        users.revokeAccessTokens(user, now);
        audit.record(AuditType.USER_DISABLED, user.username(), client, "by " + actor);
    }

    /** Restores login; sessions ended by the disable stay ended. */
    @Transactional
    public void enable(String username, String actor, ClientInfo client) {
        User user = existing(username);
        user.setEnabled(true, clock.instant());
        audit.record(AuditType.USER_ENABLED, user.username(), client, "by " + actor);
    }

    /** Clears a lockout and the failure count of the name. */
    @Transactional
    public void unlock(String username, String actor, ClientInfo client) {
        User user = existing(username);
        lockout.reset(user.username());
        audit.record(AuditType.USER_UNLOCKED, user.username(), client, "by " + actor);
    }

    /**
     * Deletes the user. Its sessions are kept, revoked, until the purge: a node starting while the user's access tokens
     * may still be live reloads them as revoked. A user created again under the name gets a new id, a new {@code sub}.
     */
    @Transactional
    public void delete(String username, String actor, ClientInfo client) {
        keepAnAdmin(username, "delete");
        User user = existing(username);
        Instant now = clock.instant();
        sessions.endAllSessions(user.id(), null, now);
        revocations.revokeUserTokens(user.id(), now);
        users.delete(user);
        audit.record(AuditType.USER_DELETED, user.username(), client, "by " + actor);
    }

    /**
     * Refuses to take away the last enabled admin, which would leave nobody able to administer Sigil. The admin rows
     * are locked (always before the target row, in id order) so that two admins demoting each other at once cannot
     * both succeed.
     */
    private void keepAnAdmin(String username, String action) {
        List<User> admins = users.lockEnabledAdmins();
        boolean targetIsAdmin = admins.stream().anyMatch(admin -> admin.username().equalsIgnoreCase(username));
        if (targetIsAdmin && admins.size() == 1) {
            throw new Conflict("Cannot " + action + " the last enabled admin: give another user the admin role first.");
        }
    }

    private User existing(String username) {
        return users.findByUsername(username).flatMap(user -> users.lockById(user.id()))
                .orElseThrow(() -> new NotFound("There is no user with this username."));
    }
}
