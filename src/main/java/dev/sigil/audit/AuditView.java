package dev.sigil.audit;

import dev.sigil.web.Timestamps;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An audit event as GET /api/admin/audit shows it: every field present, null when unknown. */
@JsonbNillable
@JsonbPropertyOrder({"time", "type", "username", "ip", "detail"})
public record AuditView(Instant time, AuditType type, String username, String ip, String detail) {

    public AuditView {
        time = Timestamps.shown(time);
    }

    static AuditView of(AuditEvent event) {
        return new AuditView(event.occurredAt(), event.type(), event.username(), event.ip(), event.detail());
    }
}
