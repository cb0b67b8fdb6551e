package dev.sigil.user;

import dev.sigil.config.SigilConfig;
import dev.sigil.token.RequiresRole;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.QueryParams;
import java.util.List;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;

/** /api/admin/users: the admin API for accounts (SPEC §4). */
@Path("api/admin/users")
@RequestScoped
@RequiresRole(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UserAdminResource {

    @Inject
    UserAccounts accounts;

    @Inject
    SigilConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUserRequest request, @Context HttpServletRequest http) {
        UserView user = accounts.create(request, ClientInfo.of(http));
        // From the configured issuer, not the request's Host header, which the client chooses.
        return Response.created(UriBuilder.fromUri(config.issuer()).path("api/admin/users").path(user.username()).build())
                .header("Cache-Control", "no-store")
                .entity(user)
                .build();
    }

    @GET
    @Path("{username}")
    public Response find(@PathParam("username") String username) {
        return Response.ok(accounts.find(username)).header("Cache-Control", "no-store").build();
    }

    @GET
    public Response list(@QueryParam("offset") @DefaultValue("0") String offset,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        return Response.ok(accounts.list(QueryParams.integer("offset", offset), QueryParams.integer("limit", limit)))
                .header("Cache-Control", "no-store").build();
    }

    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeRoles(@PathParam("username") String username, List<String> roles,
            @Context SecurityContext security, @Context HttpServletRequest http) {
        return Response.ok(accounts.changeRoles(username, roles, actor(security), ClientInfo.of(http)))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{username}/disable")
    public Response disable(@PathParam("username") String username, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        accounts.disable(username, actor(security), ClientInfo.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/enable")
    public Response enable(@PathParam("username") String username, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        accounts.enable(username, actor(security), ClientInfo.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/unlock")
    public Response unlock(@PathParam("username") String username, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        accounts.unlock(username, actor(security), ClientInfo.of(http));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        accounts.delete(username, actor(security), ClientInfo.of(http));
        return Response.noContent().build();
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
