package dev.sigil.user;

import dev.sigil.config.InvalidConfiguration;
import dev.sigil.config.SigilConfig;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.PasswordPolicy;
import dev.sigil.web.Conflict;
import dev.sigil.web.ValidationFailed;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * Creates the first admin when no user exists (SPEC §2). A generated password is logged exactly once, here;
 * nothing else secret is ever logged.
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

    @PostConstruct
    void createFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        String username = config.adminUsername();
        boolean generated = config.adminPassword().isEmpty();
        String password = config.adminPassword().orElseGet(BootstrapAdmin::randomPassword);
        try {
            Usernames.check(username);
        } catch (ValidationFailed e) {
            throw new InvalidConfiguration("SIGIL_ADMIN_USERNAME", "is not a valid username: " + e.detail());
        }
        try {
            policy.check(username, password);
        } catch (ValidationFailed e) {
            throw new InvalidConfiguration("SIGIL_ADMIN_PASSWORD", "breaks the password policy: " + e.detail());
        }
        try {
            users.create(username, hasher.hash(password), Roles.of(List.of(Roles.ADMIN)));
        } catch (Conflict anotherNodeWasFirst) {
            return;
        }
        if (generated) {
            LOG.warning("Created the bootstrap admin '" + username + "' with the generated password: " + password
                    + "  (shown only this once; change it with POST /api/auth/password)");
        } else {
            LOG.info("Created the bootstrap admin '" + username + "' with the password from SIGIL_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
