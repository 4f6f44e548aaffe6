package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Profile;
import com.videoplatform.auth.token.Secured;
import com.videoplatform.auth.token.TokenFilter;
import com.videoplatform.auth.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The passport endpoints (docs/api.md): thin, each delegates to one control bean. One instance
 * serves all requests; the request's objects come in through Jersey's per-request proxies.
 */
@Path("passport")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PassportResource {

    public record Registered(long userId, String mobile, String nickname) {}

    public record Token(String token, String tokenType, long expiresIn, long userId, String sessionId) {
        static Token of(TokenService.Issued issued) {
            return new Token(issued.token(), "Bearer", issued.expiresIn(), issued.userId(), issued.sessionId());
        }
    }

    public record Me(long userId, String mobile, String nickname, Set<String> roles, Instant lastLoginAt) {}

    /** {@code device}: a short name people recognise ("Chrome on Windows"), or null when unknown. */
    public record SessionView(
            String sessionId, Instant createdAt, String userAgent, String ip, String device, boolean current) {}

    public record PasswordChange(String currentPassword, String newPassword) {}

    @Inject
    Captchas captchas;

    @Inject
    Registration registration;

    @Inject
    Login login;

    @Inject
    Passwords passwords;

    @Inject
    Caller caller;

    @Inject
    ClientInfo client;

    @Inject
    Devices devices;

    @Inject
    Introspect introspect;

    @GET
    @Path("captcha")
    public Response captcha() {
        return noStore(Response.ok(captchas.create()));
    }

    @POST
    @Path("register")
    public Response register(@NotNull(message = ApiException.EMPTY_BODY) Registration.Request body) {
        UserInfo user = registration.register(body);
        return Response.status(Response.Status.CREATED)
                .entity(new Registered(user.getId(), user.getMobile(), user.getNickname()))
                .build();
    }

    @POST
    @Path("login")
    public Response login(@NotNull(message = ApiException.EMPTY_BODY) @Valid Login.Request body) {
        TokenService.Issued issued = login.login(body);
        Response.ResponseBuilder response = Response.ok(Token.of(issued));
        if (Boolean.TRUE.equals(body.cookie)) {
            response.cookie(
                    accessCookie(issued.token(), issued.expiresIn()),
                    csrfCookie(TokenService.newId(), issued.expiresIn()));
        }
        return noStore(response);
    }

    @POST
    @Path("refresh")
    @Secured
    public Response refresh() {
        TokenService.Issued issued = login.refresh();
        Response.ResponseBuilder response = Response.ok(Token.of(issued));
        if (caller.byCookie()) {
            response.cookie(accessCookie(issued.token(), issued.expiresIn()));
        }
        return noStore(response);
    }

    @POST
    @Path("logout")
    @Secured
    public Response logout() {
        login.logout();
        return Response.noContent().cookie(clearedCookies()).build();
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @FormParam("token") String token) {
        return noStore(Response.ok(introspect.introspect(authorization, token)));
    }

    @GET
    @Path("me")
    @Secured
    public Me me() {
        Profile profile = caller.profile();
        return new Me(caller.userId(), profile.mobile(), profile.nickname(), caller.roles(), profile.lastLoginAt());
    }

    @GET
    @Path("sessions")
    @Secured
    public List<SessionView> sessions() {
        String current = caller.sessionId();
        return login.sessions().stream()
                .map(s -> new SessionView(
                        s.sessionId(),
                        s.createdAt(),
                        s.userAgent(),
                        s.ip(),
                        devices.name(s.userAgent()),
                        s.sessionId().equals(current)))
                .toList();
    }

    @DELETE
    @Path("sessions/{sessionId}")
    @Secured
    public Response endSession(@PathParam("sessionId") String sessionId) {
        login.endSession(sessionId);
        return Response.noContent().build();
    }

    @PUT
    @Path("password")
    @Secured
    public Response changePassword(@NotNull(message = ApiException.EMPTY_BODY) PasswordChange body) {
        passwords.change(body.currentPassword(), body.newPassword());
        return Response.noContent().cookie(clearedCookies()).build();
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private NewCookie accessCookie(String token, long maxAge) {
        return cookie(TokenFilter.ACCESS_COOKIE, token, maxAge, true);
    }

    private NewCookie csrfCookie(String value, long maxAge) {
        return cookie(TokenFilter.CSRF_COOKIE, value, maxAge, false);
    }

    private NewCookie[] clearedCookies() {
        return new NewCookie[] {accessCookie("", 0), csrfCookie("", 0)};
    }

    private NewCookie cookie(String name, String value, long maxAge, boolean httpOnly) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
                .httpOnly(httpOnly)
                .secure(client.secure())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
