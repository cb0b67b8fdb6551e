package dev.sigil.user;

import dev.sigil.web.ValidationFailed;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Username rules (SPEC §4): 3 to 64 ASCII letters, digits and {@code . _ - @}. Names are unique case-insensitively:
 * the lower-cased form is the key. ASCII only, so that look-alike letters from other scripts cannot impersonate.
 */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    private Usernames() {
    }

    public static void check(String username) {
        if (username == null || !VALID.matcher(username).matches()) {
            throw new ValidationFailed(
                    "The username must be 3 to 64 characters of letters, digits and . _ - @");
        }
    }

    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
