package com.videoplatform.auth.admin;

import com.videoplatform.auth.passport.Account;
import com.videoplatform.auth.passport.UserInfo;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.Page;
import com.videoplatform.auth.token.Allowed;
import com.videoplatform.auth.token.Secured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("admin/users")
@Secured
@Allowed(UserInfo.ADMIN)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record RoleChange(List<String> roles) {}

    /** A class with fields, not a record: Payara's OpenAPI scanner fails on constrained record components. */
    public static class StatusChange {
        @NotNull(message = "Use true or false.")
        public Boolean enabled;
    }

    @Inject
    Users users;

    @Inject
    Accounts accounts;

    @GET
    public Page.Of<Account> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return users.list(Page.of(page, size));
    }

    @PUT
    @Path("{userId}/roles")
    public Account setRoles(
            @PathParam("userId") long userId, @NotNull(message = ApiException.EMPTY_BODY) RoleChange body) {
        return accounts.setRoles(userId, body.roles());
    }

    @DELETE
    @Path("{userId}/sessions")
    public Response endSessions(@PathParam("userId") long userId) {
        accounts.endSessions(userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("{userId}/status")
    public Account setStatus(
            @PathParam("userId") long userId, @NotNull(message = ApiException.EMPTY_BODY) @Valid StatusChange body) {
        return accounts.setEnabled(userId, body.enabled);
    }

    @DELETE
    @Path("{userId}")
    public Response delete(@PathParam("userId") long userId) {
        accounts.delete(userId);
        return Response.noContent().build();
    }
}
