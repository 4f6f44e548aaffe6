package com.videoplatform.auth.admin;

import com.videoplatform.auth.passport.Account;
import com.videoplatform.auth.passport.UserInfo;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.Clients;
import com.videoplatform.auth.platform.Page;
import com.videoplatform.auth.platform.StrictBoolean;
import com.videoplatform.auth.token.Allowed;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Secured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
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

    public record RoleChange(List<String> roles) {
    }

    public record StatusChange(@JsonbTypeDeserializer(StrictBoolean.class) Boolean enabled) {
    }

    @Inject
    Users users;

    @Inject
    Accounts accounts;

    @Inject
    Clients clients;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Users, by id")
    @APIResponse(responseCode = "200", description = "{items:[{userId, mobile, nickname, roles, enabled, createdAt, lastLoginAt}], page, size, total}")
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
    public Account setRoles(@PathParam("userId") String userId, RoleChange change) {
        if (change == null) {
            throw ApiException.invalid("roles", "Send a list of role names.");
        }
        return accounts.setRoles(Page.id(userId), change.roles(), admin(), clients.of(http));
    }

    @DELETE
    @Path("{userId}/sessions")
    @Operation(summary = "End every session of a user, whether or not the account still exists")
    @APIResponse(responseCode = "204", description = "Every session of the user has ended")
    public Response endSessions(@PathParam("userId") String userId) {
        accounts.endSessions(Page.id(userId), admin(), clients.of(http));
        return Response.noContent().build();
    }

    @PUT
    @Path("{userId}/status")
    @Operation(summary = "Enable or disable a user; disabling ends every session of that user")
    @APIResponse(responseCode = "200", description = "The user, with enabled")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: enabled is not true or false")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Account setStatus(@PathParam("userId") String userId, StatusChange change) {
        long id = Page.id(userId);
        if (change == null || change.enabled() == null) {
            throw ApiException.invalid("enabled", "Use true or false.");
        }
        return accounts.setEnabled(id, change.enabled(), admin(), clients.of(http));
    }

    @DELETE
    @Path("{userId}")
    @Operation(summary = "Delete a user with their videos; the sessions end and the mobile can register again")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Response delete(@PathParam("userId") String userId) {
        accounts.delete(Page.id(userId), admin(), clients.of(http));
        return Response.noContent().build();
    }

    private Caller admin() {
        return (Caller) security.getUserPrincipal();
    }
}
