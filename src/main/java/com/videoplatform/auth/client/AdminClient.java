package com.videoplatform.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** User administration ({@code /api/admin/users}); the token's user must hold {@code admin}. */
@RegisterRestClient(configKey = PassportClient.CONFIG_KEY)
@RegisterProvider(ProblemExceptionMapper.class)
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminClient {

    /** By id; {@code page} from 0 and {@code size} 1 to 100, or null for 0 and 20. */
    @GET
    Page<Account> list(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Every session of that user ends; {@code user} is always kept. */
    @PUT
    @Path("{userId}/roles")
    Account setRoles(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("userId") long userId,
            RoleChange roles);

    /** Disabling ends every session of that user. */
    @PUT
    @Path("{userId}/status")
    Account setStatus(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("userId") long userId,
            StatusChange status);

    @DELETE
    @Path("{userId}/sessions")
    void endSessions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("userId") long userId);

    /** With the user's videos; the mobile can register again. */
    @DELETE
    @Path("{userId}")
    void delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("userId") long userId);
}
