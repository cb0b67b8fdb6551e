package dev.sigil.password;

import dev.sigil.config.PasswordLimits;
import dev.sigil.config.SigilConfig;
import dev.sigil.web.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SPEC §2: at least SIGIL_PASSWORD_MIN_LENGTH characters, at most 1024, and not the username. */
@ApplicationScoped
public class PasswordPolicy {

    private int minLength;

    protected PasswordPolicy() {
    }

    @Inject
    public PasswordPolicy(SigilConfig config) {
        this.minLength = config.passwordMinLength();
    }

    /** Throws {@link ValidationFailed} with a message the user can act on. */
    public void check(String username, String password) {
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            throw new ValidationFailed("The password must be at least " + minLength + " characters long.");
        }
        if (length > PasswordLimits.MAX_LENGTH) {
            throw new ValidationFailed("The password must be at most " + PasswordLimits.MAX_LENGTH + " characters long.");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new ValidationFailed("The password must not be the username.");
        }
    }
}
