package dev.sigil.user;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.InvalidConfiguration;
import dev.sigil.config.SigilConfig;
import dev.sigil.config.StartFailure;
import dev.sigil.config.StartProblems;
import dev.sigil.config.StartupBanner;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.PasswordPolicy;
import dev.sigil.session.SessionControl;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Conflict;
import dev.sigil.web.ValidationFailed;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * Creates the first admin when no user exists (SPEC §2). A generated password is logged exactly once, by the
 * {@link StartupBanner} right before the ready line; nothing else secret is ever logged. Once users exist,
 * SIGIL_ADMIN_PASSWORD is ignored (one log line says so) unless SIGIL_ADMIN_RESET_PASSWORD=true asks to reset the
 * admin's password to it: the supported way back in after the admin password is lost.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());
    private static final int GENERATED_PASSWORD_BYTES = 18;

    @Inject
    SigilConfig config;

    @Inject
    UserStore users;

    @Inject
    PasswordPolicy policy;

    @Inject
    Argon2idHasher hasher;

    @Inject
    SessionControl sessions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    StartupBanner banner;

    @PostConstruct
    void createFirstAdmin() {
        if (StartProblems.any()) {
            return;
        }
        try {
            if (users.count() > 0) {
                existingUsers();
            } else {
                firstAdmin();
            }
        } catch (InvalidConfiguration e) {
            StartFailure.report(e);
        }
    }

    private void existingUsers() {
        if (config.adminResetPassword()) {
            resetPassword(config.adminUsername(), config.adminPassword().orElseThrow());
        } else if (config.adminPassword().isPresent()) {
            LOG.warning("SIGIL_ADMIN_PASSWORD is ignored: it only sets the password of the first admin, created when"
                    + " no user exists. To reset the password of '" + config.adminUsername()
                    + "', start once with SIGIL_ADMIN_RESET_PASSWORD=true as well (README, \"Lost admin password\").");
        }
    }

    private void firstAdmin() {
        String username = config.adminUsername();
        boolean generated = config.adminPassword().isEmpty();
        String password = config.adminPassword().orElseGet(BootstrapAdmin::randomPassword);
        checkUsername(username);
        checkPassword(username, password);
        try {
            users.create(username, hasher.hash(password), Roles.of(List.of(Roles.ADMIN)));
        } catch (Conflict anotherNodeWasFirst) {
            return;
        }
        if (generated) {
            banner.generatedAdminPassword(username, password);
        } else {
            LOG.info("Created the bootstrap admin '" + username + "' with the password from SIGIL_ADMIN_PASSWORD");
        }
    }

    /** Sets a new password, ends every session and refuses every access token of the user issued until now. */
    private void resetPassword(String username, String password) {
        User user = users.findByUsername(username).flatMap(found -> users.lockById(found.id()))
                .orElseThrow(() -> new InvalidConfiguration("SIGIL_ADMIN_RESET_PASSWORD",
                        "found no user '" + username + "' (SIGIL_ADMIN_USERNAME) to reset"));
        checkPassword(user.username(), password);
        Instant now = clock.instant();
        user.replacePasswordHash(hasher.hash(password), now);
        sessions.endAllSessions(user.id(), null, now);
        users.revokeAccessTokens(user, now);
        audit.record(AuditType.PASSWORD_CHANGED, user.username(), new ClientInfo(null, "SIGIL_ADMIN_RESET_PASSWORD"),
                "reset at start");
        LOG.warning("Reset the password of '" + user.username() + "' to SIGIL_ADMIN_PASSWORD and ended its sessions"
                + " (SIGIL_ADMIN_RESET_PASSWORD=true). Remove SIGIL_ADMIN_RESET_PASSWORD before the next start.");
    }

    private static void checkUsername(String username) {
        try {
            Usernames.check(username);
        } catch (ValidationFailed e) {
            throw new InvalidConfiguration("SIGIL_ADMIN_USERNAME", "is not a valid username: " + e.detail());
        }
    }

    private void checkPassword(String username, String password) {
        try {
            policy.check(username, password);
        } catch (ValidationFailed e) {
            throw new InvalidConfiguration("SIGIL_ADMIN_PASSWORD", "breaks the password policy: " + e.detail());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
