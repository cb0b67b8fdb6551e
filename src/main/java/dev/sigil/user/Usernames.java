package dev.sigil.user;

import dev.sigil.web.InvalidRequest;
import dev.sigil.web.ValidationFailed;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Username rules (SPEC §4): 3 to 64 ASCII letters, digits and {@code . _ - @}. Names are unique case-insensitively:
 * the lower-cased form is the key. ASCII only, so that look-alike letters from other scripts cannot impersonate.
 */
public final class Usernames {

    /**
     * The longest login name (and key) accepted anywhere a name is looked up, in UTF-16 units: no user can have a
     * longer one (64 is the limit), and it fits the 256-character key and audit columns.
     */
    public static final int MAX_LOOKUP_LENGTH = 256;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    private Usernames() {
    }

    public static void check(String username) {
        if (username == null || !VALID.matcher(username).matches()) {
            throw new ValidationFailed(
                    "The username must be 3 to 64 characters of letters, digits and . _ - @");
        }
    }

    /** NFC, then lower case without locale rules: the same key for every spelling of a name. */
    public static String key(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /**
     * The key of a name a client offers to log in with, checked before any work: lower-casing can make a name longer
     * (an "İ" becomes two characters), and control characters or broken UTF-16 cannot be stored by every database.
     * Such a name cannot exist, so refusing it tells nothing.
     */
    public static String lookupKey(String username) {
        if (username.isBlank() || username.length() > MAX_LOOKUP_LENGTH) {
            throw new InvalidRequest("The username must be 1 to " + MAX_LOOKUP_LENGTH + " characters.");
        }
        String key = key(username);
        if (key.length() > MAX_LOOKUP_LENGTH) {
            throw new InvalidRequest("The username must be at most " + MAX_LOOKUP_LENGTH + " characters once lower-cased.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean brokenSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (Character.isISOControl(c) || brokenSurrogate) {
                throw new InvalidRequest("The username contains a control character or invalid UTF-16.");
            }
        }
        return key;
    }
}
