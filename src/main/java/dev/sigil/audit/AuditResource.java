package dev.sigil.audit;

import dev.sigil.token.RequiresRole;
import dev.sigil.user.Roles;
import dev.sigil.web.InvalidRequest;
import dev.sigil.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/** GET /api/admin/audit?username=&type=&limit=: the audit trail, newest first (SPEC §4). */
@Path("api/admin/audit")
@RequestScoped
@RequiresRole(Roles.ADMIN)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response query(@QueryParam("username") String username, @QueryParam("type") String type,
            @QueryParam("limit") @DefaultValue("" + DEFAULT_LIMIT) String limit) {
        int max = QueryParams.integer("limit", limit);
        if (max < 1 || max > MAX_LIMIT) {
            throw new InvalidRequest("limit must be 1 to " + MAX_LIMIT + ".");
        }
        List<AuditView> events = audit.query(blankToNull(username), type(blankToNull(type)), max).stream()
                .map(AuditView::of).toList();
        return Response.ok(events).header("Cache-Control", "no-store").build();
    }

    private static AuditType type(String name) {
        if (name == null) {
            return null;
        }
        try {
            return AuditType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("Unknown audit event type; known types: " + Arrays.toString(AuditType.values()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
