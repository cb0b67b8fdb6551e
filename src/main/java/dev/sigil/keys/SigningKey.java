package dev.sigil.keys;

import dev.sigil.config.JwtAlgorithm;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A generated signing key pair, persisted so that tokens survive a restart and every node signs alike. */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = "SigningKey.findLive",
        query = "SELECT k FROM SigningKey k WHERE k.algorithm = :algorithm AND (k.retiredAt IS NULL OR k.retiredAt > :since)"
                + " ORDER BY k.activatesAt, k.createdAt, k.kid")
public class SigningKey {

    @Id
    private String kid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private JwtAlgorithm algorithm;

    /** X.509 SubjectPublicKeyInfo, base64. */
    @Column(name = "public_key", nullable = false, updatable = false)
    private String publicKey;

    /** PKCS#8, base64. */
    @Column(name = "private_key", nullable = false, updatable = false)
    private String privateKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** From this instant on the key signs (until a newer key activates); before it, it is published and verifies. */
    @Column(name = "activates_at", nullable = false, updatable = false)
    private Instant activatesAt;

    /** When a newer key takes over signing; the key keeps verifying for the token lifetime after it. */
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, JwtAlgorithm algorithm, String publicKey, String privateKey, Instant createdAt,
            Instant activatesAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
    }

    String kid() {
        return kid;
    }

    JwtAlgorithm algorithm() {
        return algorithm;
    }

    String publicKey() {
        return publicKey;
    }

    String privateKey() {
        return privateKey;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant activatesAt() {
        return activatesAt;
    }

    Instant retiredAt() {
        return retiredAt;
    }

    boolean isRetired() {
        return retiredAt != null;
    }

    /** Stops signing at {@code at} (which may lie in the future: when the key replacing it activates). */
    void retire(Instant at) {
        this.retiredAt = at;
    }
}
