package com.videoplatform.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Captcha, registration, login and the caller's account and sessions ({@code /api/passport}).
 * {@code authorization} is {@link Authorization#bearer(String)} of the user's token. Every error
 * is a {@link ProblemException}.
 */
@RegisterRestClient(configKey = PassportClient.CONFIG_KEY)
@RegisterProvider(ProblemExceptionMapper.class)
@Path("/api/passport")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PassportClient {

    /** The MicroProfile Config key of all the client interfaces: {@code video-auth/mp-rest/url} is the service's address. */
    String CONFIG_KEY = "video-auth";

    @GET
    @Path("captcha")
    Captcha captcha();

    @POST
    @Path("register")
    Registered register(RegisterRequest request);

    @POST
    @Path("login")
    Token login(LoginRequest request);

    @POST
    @Path("refresh")
    Token refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("logout")
    void logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("me")
    Me me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("sessions")
    List<Session> sessions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @DELETE
    @Path("sessions/{sessionId}")
    void endSession(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("sessionId") String sessionId);

    @PUT
    @Path("password")
    void changePassword(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, PasswordChange change);
}
