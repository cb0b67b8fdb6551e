package dev.sigil.user;

import dev.sigil.web.ValidationFailed;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Role names: every user has {@code user}; {@code admin} guards the admin API. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_.:-]{0,63}");
    private static final int MAX_ROLES = 32;

    private Roles() {
    }

    /** The normalised role set: the requested roles, checked, plus {@code user}. */
    public static Set<String> of(Collection<String> requested) {
        Set<String> roles = new TreeSet<>();
        roles.add(USER);
        if (requested != null) {
            for (String role : requested) {
                if (role == null || !VALID.matcher(role).matches()) {
                    throw new ValidationFailed("Role names are 1 to 64 characters: a lower-case letter, then lower-case "
                            + "letters, digits and _ . : -");
                }
                roles.add(role);
            }
        }
        if (roles.size() > MAX_ROLES) {
            throw new ValidationFailed("A user has at most " + MAX_ROLES + " roles.");
        }
        return roles;
    }
}
