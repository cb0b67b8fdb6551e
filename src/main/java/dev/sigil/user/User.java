package dev.sigil.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A user account. The id is a random UUID, so a user re-created under the same name is a new {@code sub}. */
@Entity
@Table(name = "users")
@NamedQuery(name = "User.findByKey", query = "SELECT u FROM User u WHERE u.usernameKey = :key")
@NamedQuery(name = "User.count", query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = "User.list", query = "SELECT u FROM User u ORDER BY u.usernameKey")
// Roles are stored as a space-separated list of names.
@NamedQuery(name = "User.enabledAdmins", query = "SELECT u FROM User u WHERE u.enabled = TRUE AND (u.roles = 'admin'"
        + " OR u.roles LIKE 'admin %' OR u.roles LIKE '% admin' OR u.roles LIKE '% admin %') ORDER BY u.id")
public class User {

    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "username_key", nullable = false, updatable = false)
    private String usernameKey;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String roles;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "revoked_before")
    private Instant revokedBefore;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected User() {
    }

    User(String username, String passwordHash, Set<String> roles, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.usernameKey = Usernames.key(username);
        this.passwordHash = passwordHash;
        this.roles = String.join(" ", roles);
        this.enabled = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<String> roles() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(roles.split(" "))));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant revokedBefore() {
        return revokedBefore;
    }

    public Instant createdAt() {
        return createdAt;
    }

    void revokeTokensBefore(Instant point) {
        if (revokedBefore == null || point.isAfter(revokedBefore)) {
            revokedBefore = point;
        }
        updatedAt = point;
    }

    void changeRoles(Set<String> newRoles, Instant now) {
        this.roles = String.join(" ", newRoles);
        this.updatedAt = now;
    }

    void setEnabled(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    public void replacePasswordHash(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
    }
}
