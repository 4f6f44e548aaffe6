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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("admin/users")
@Secured
@Allowed(UserInfo.ADMIN)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
@APIResponse(responseCode = "403", description = "FORBIDDEN: the caller is not an admin; or CSRF_INVALID")
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
    @Operation(summary = "Users, by id")
    @APIResponse(
            responseCode = "200",
            description =
                    "{items:[{userId, mobile, nickname, roles, enabled, createdAt, lastLoginAt}], page, size, total}")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: page or size out of range")
    public Page.Of<Account> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return users.list(Page.of(page, size));
    }

    @PUT
    @Path("{userId}/roles")
    @Operation(summary = "Set a user's roles; every session of that user ends")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: an unknown role")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Account setRoles(
            @PathParam("userId") long userId, @NotNull(message = ApiException.EMPTY_BODY) RoleChange body) {
        return accounts.setRoles(userId, body.roles());
    }

    @DELETE
    @Path("{userId}/sessions")
    @Operation(summary = "End every session of a user, whether or not the account still exists")
    @APIResponse(responseCode = "204", description = "Every session of the user has ended")
    public Response endSessions(@PathParam("userId") long userId) {
        accounts.endSessions(userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("{userId}/status")
    @Operation(summary = "Enable or disable a user; disabling ends every session of that user")
    @APIResponse(responseCode = "200", description = "The user, with enabled")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: enabled is not true or false")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Account setStatus(
            @PathParam("userId") long userId, @NotNull(message = ApiException.EMPTY_BODY) @Valid StatusChange body) {
        return accounts.setEnabled(userId, body.enabled);
    }

    @DELETE
    @Path("{userId}")
    @Operation(summary = "Delete a user with their videos; the sessions end and the mobile can register again")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Response delete(@PathParam("userId") long userId) {
        accounts.delete(userId);
        return Response.noContent().build();
    }
}
