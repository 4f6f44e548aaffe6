package com.videoplatform.auth.admin;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.passport.Account;
import com.videoplatform.auth.passport.Roles;
import com.videoplatform.auth.passport.UserInfo;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.Clients;
import com.videoplatform.auth.platform.Page;
import com.videoplatform.auth.token.Allowed;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Secured;
import com.videoplatform.auth.token.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    Users users;

    @Inject
    Roles roles;

    @Inject
    Sessions sessions;

    @Inject
    AuditLog audit;

    @Inject
    Clients clients;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Users, by id")
    @APIResponse(responseCode = "200", description = "{items:[{userId, mobile, nickname, roles, createdAt, lastLoginAt}], page, size, total}")
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
            throw ApiException.invalid("roles", "must not be null");
        }
        long id = Page.id(userId);
        Account account = users.setRoles(id, roles.requested(change.roles()));
        sessions.endAll(id);
        audit.write(entry("admin.roles", id).reason(String.join(",", account.roles())));
        return account;
    }

    @DELETE
    @Path("{userId}/sessions")
    @Operation(summary = "End every session of a user")
    @APIResponse(responseCode = "204", description = "Every session of the user has ended")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Response endSessions(@PathParam("userId") String userId) {
        long id = Page.id(userId);
        users.profile(id).orElseThrow(Users::noSuchUser);
        sessions.endAll(id);
        audit.write(entry("admin.sessions.revoke", id));
        return Response.noContent().build();
    }

    private AuditLog.Entry entry(String event, long userId) {
        Caller admin = (Caller) security.getUserPrincipal();
        return AuditLog.success(event, clients.of(http)).user(admin.userId()).session(admin.sessionId()).target("user:" + userId);
    }
}
