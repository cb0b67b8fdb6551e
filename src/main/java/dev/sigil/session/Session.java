package dev.sigil.session;

import dev.sigil.web.ClientInfo;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A sign-in: one refresh-token family. Ends at its idle expiry, its absolute expiry, or when revoked. */
@Entity
@Table(name = "sessions")
@NamedQuery(name = "Session.findActiveByUser", query = "SELECT s FROM Session s WHERE s.userId = :userId"
        + " AND s.revokedAt IS NULL AND s.idleExpiresAt > :now ORDER BY s.createdAt DESC")
public class Session {

    @Id
    private String id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    @Column(name = "idle_expires_at", nullable = false)
    private Instant idleExpiresAt;

    @Column(name = "absolute_expires_at", nullable = false, updatable = false)
    private Instant absoluteExpiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(updatable = false)
    private String ip;

    @Column(name = "user_agent", updatable = false)
    private String userAgent;

    /** The OAuth 2.0 client_id named at POST /oauth2/token; null for a session of POST /api/auth/login. */
    @Column(name = "client_id", updatable = false)
    private String clientId;

    /**
     * The secret from which each successor refresh token is derived from its predecessor (base64url, 256 bits), so that
     * a re-presented predecessor can be answered with the same live token while only hashes are stored. Null for a
     * session started before V5 until its next rotation.
     */
    @Column(name = "rotation_seed")
    private String rotationSeed;

    @Version
    private long version;

    protected Session() {
    }

    Session(String userId, ClientInfo client, Instant now, Duration idleTimeout, Duration maxLifetime) {
        this.id = UUID.randomUUID().toString();
        this.userId = userId;
        this.createdAt = now;
        this.lastUsedAt = now;
        this.absoluteExpiresAt = now.plus(maxLifetime);
        this.idleExpiresAt = earliest(now.plus(idleTimeout), absoluteExpiresAt);
        this.ip = client.ip();
        this.userAgent = client.userAgent();
        this.clientId = client.clientId();
        this.rotationSeed = RefreshTokens.generate();
    }

    /** The session's rotation seed; one is created for a session that predates it. */
    String rotationSeed() {
        if (rotationSeed == null) {
            rotationSeed = RefreshTokens.generate();
        }
        return rotationSeed;
    }

    /** The CSRF token of this session's browser mode (see {@link RefreshTokens#csrfToken}). */
    String csrfToken() {
        return RefreshTokens.csrfToken(rotationSeed(), id);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String ip() {
        return ip;
    }

    public String userAgent() {
        return userAgent;
    }

    public String clientId() {
        return clientId;
    }

    /** When the current refresh token stops working: the idle expiry, never past the absolute one. */
    public Instant expiresAt() {
        return idleExpiresAt;
    }

    public Instant absoluteExpiresAt() {
        return absoluteExpiresAt;
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(idleExpiresAt);
    }

    /** A rotation: the idle timeout starts again, capped by the absolute lifetime. */
    void touch(Instant now, Duration idleTimeout) {
        this.lastUsedAt = now;
        this.idleExpiresAt = earliest(now.plus(idleTimeout), absoluteExpiresAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
