package dev.sigil.session;

import dev.sigil.web.Timestamps;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A session as its owner sees it in GET /api/auth/sessions. */
@JsonbPropertyOrder({"id", "createdAt", "lastUsedAt", "ip", "userAgent", "clientId", "current"})
public record SessionView(
        String id,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("last_used_at") Instant lastUsedAt,
        String ip,
        @JsonbProperty("user_agent") String userAgent,
        // null (shown as null) for a session of POST /api/auth/login
        @JsonbProperty("client_id") @JsonbNillable String clientId,
        boolean current) {

    public SessionView {
        createdAt = Timestamps.shown(createdAt);
        lastUsedAt = Timestamps.shown(lastUsedAt);
    }

    static SessionView of(Session session, boolean current) {
        return new SessionView(session.id(), session.createdAt(), session.lastUsedAt(), session.ip(),
                session.userAgent(), session.clientId(), current);
    }
}
