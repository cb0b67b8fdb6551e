package dev.sigil.user;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.PasswordPolicy;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;

/** The user lifecycle as the admin API drives it. */
@ApplicationScoped
public class UserAccounts {

    @Inject
    UserStore users;

    @Inject
    PasswordPolicy policy;

    @Inject
    Argon2idHasher hasher;

    @Inject
    AuditLog audit;

    @Transactional
    public UserView create(CreateUserRequest request, ClientInfo client) {
        if (request == null || request.username() == null) {
            throw new InvalidRequest("The body must be a JSON object with username, password and roles.");
        }
        Usernames.check(request.username());
        if (request.password() == null) {
            throw new InvalidRequest("The field password is required.");
        }
        policy.check(request.username(), request.password());
        Set<String> roles = Roles.of(request.roles());
        // Hash after the cheap checks: a rejected request costs no Argon2 work.
        User user = users.create(request.username(), hasher.hash(request.password()), roles);
        audit.record(AuditType.USER_CREATED, user.username(), client, "roles=" + String.join(" ", roles));
        return UserView.of(user);
    }

    public UserView find(String username) {
        return users.findByUsername(username).map(UserView::of)
                .orElseThrow(() -> new NotFound("There is no user with this username."));
    }
}
