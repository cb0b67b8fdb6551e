package dev.sigil.user;

import dev.sigil.token.RequiresRole;
import dev.sigil.web.ClientInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** /api/admin/users: the admin API for accounts (SPEC §4). */
@Path("api/admin/users")
@RequestScoped
@RequiresRole(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UserAdminResource {

    @Inject
    UserAccounts accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUserRequest request, @Context UriInfo uri, @Context HttpServletRequest http) {
        UserView user = accounts.create(request, ClientInfo.of(http));
        return Response.created(uri.getAbsolutePathBuilder().path(user.username()).build())
                .header("Cache-Control", "no-store")
                .entity(user)
                .build();
    }

    @GET
    @Path("{username}")
    public Response find(@PathParam("username") String username) {
        return Response.ok(accounts.find(username)).header("Cache-Control", "no-store").build();
    }
}
