package dev.sigil.session;

import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One refresh token of a session, stored only as the SHA-256 of its value. Spent when rotated. */
@Entity
@Table(name = "refresh_tokens")
@NamedQuery(name = "RefreshToken.findByHash", query = "SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = "RefreshToken.findLive",
        query = "SELECT t FROM RefreshToken t WHERE t.session = :session AND t.spentAt IS NULL")
public class RefreshToken {

    /** Sigil's refresh tokens are 43 characters; a longer string cannot match one, so it is not looked up. */
    static final int MAX_PRESENTED_LENGTH = 512;

    /** The stored token a client presented, found by its hash; empty for an unknown one (or one too long to be ours). */
    static Optional<RefreshToken> findPresented(EntityManager em, String presented) {
        if (presented.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery("RefreshToken.findByHash", RefreshToken.class)
                .setParameter("hash", RefreshTokens.hash(presented))
                .getResultStream().findFirst();
    }

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id", nullable = false, updatable = false)
    private Session session;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "spent_at")
    private Instant spentAt;

    /** The token this one was rotated from; null for the first token of a session. */
    @Column(name = "parent_id", updatable = false)
    private String parentId;

    protected RefreshToken() {
    }

    RefreshToken(Session session, RefreshToken parent, String tokenHash, Instant issuedAt, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.parentId = parent == null ? null : parent.id;
        this.session = session;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public Session session() {
        return session;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant spentAt() {
        return spentAt;
    }

    public boolean isSpent() {
        return spentAt != null;
    }

    /** True when {@code value} is this token (its hash is the stored one). */
    boolean hasValue(String value) {
        return tokenHash.equals(RefreshTokens.hash(value));
    }

    boolean wasRotatedFrom(RefreshToken other) {
        return other.id.equals(parentId);
    }

    void spend(Instant now) {
        if (spentAt == null) {
            spentAt = now;
        }
    }
}
