package dev.sigil.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of the append-only audit trail. Never holds a password, hash or token. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    private static final int MAX_DETAIL = 1000;
    private static final int MAX_USERNAME = 256;

    @Id
    private String id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, updatable = false)
    private AuditType type;

    @Column(updatable = false)
    private String username;

    @Column(updatable = false)
    private String ip;

    @Column(updatable = false)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(Instant occurredAt, AuditType type, String username, String ip, String detail) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = occurredAt;
        this.type = type;
        this.username = truncate(username, MAX_USERNAME);
        this.ip = ip;
        this.detail = truncate(detail, MAX_DETAIL);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public AuditType type() {
        return type;
    }

    public String username() {
        return username;
    }

    public String ip() {
        return ip;
    }

    public String detail() {
        return detail;
    }
}
