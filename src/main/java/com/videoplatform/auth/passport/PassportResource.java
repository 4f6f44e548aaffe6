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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The passport endpoints (docs/api.md): thin, each delegates to one control bean. One instance
 * serves all requests; the request's objects come in through Jersey's per-request proxies.
 */
@Path("passport")
@Tag(name = "passport")
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

    @Operation(summary = "A new image captcha")
    @APIResponse(responseCode = "200", description = "{captchaId, image, expiresIn}")
    @APIResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS, with Retry-After")
    @GET
    @Path("captcha")
    public Response captcha() {
        return noStore(Response.ok(captchas.create()));
    }

    @Operation(summary = "Register with mobile, password and a solved captcha")
    @APIResponse(responseCode = "201", description = "{userId, mobile, nickname}")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED or CAPTCHA_INVALID")
    @APIResponse(responseCode = "409", description = "MOBILE_TAKEN")
    @POST
    @Path("register")
    public Response register(@NotNull(message = ApiException.EMPTY_BODY) Registration.Request body) {
        UserInfo user = registration.register(body);
        return Response.status(Response.Status.CREATED)
                .entity(new Registered(user.getId(), user.getMobile(), user.getNickname()))
                .build();
    }

    @Operation(summary = "Log in; with cookie: true also sets the access_token and csrf_token cookies")
    @APIResponse(responseCode = "200", description = "{token, tokenType, expiresIn, userId, sessionId}")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: mobile or password missing")
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS")
    @APIResponse(responseCode = "403", description = "ACCOUNT_DISABLED: the right password for a disabled account")
    @APIResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS, with Retry-After")
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

    @Operation(summary = "A new token for the caller's session; the old one stops working")
    @APIResponse(responseCode = "200", description = "{token, tokenType, expiresIn, userId, sessionId}")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "CSRF_INVALID")
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

    @Operation(summary = "End the caller's session and clear the cookies")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "CSRF_INVALID")
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

    @Operation(summary = "The caller")
    @APIResponse(responseCode = "200", description = "{userId, mobile, nickname, roles, lastLoginAt}")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @GET
    @Path("me")
    @Secured
    public Me me() {
        Profile profile = caller.profile();
        return new Me(caller.userId(), profile.mobile(), profile.nickname(), caller.roles(), profile.lastLoginAt());
    }

    @Operation(summary = "The caller's sessions, newest first")
    @APIResponse(responseCode = "200", description = "[{sessionId, createdAt, userAgent, ip, device, current}]")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
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

    @Operation(summary = "End one of the caller's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "CSRF_INVALID")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such session of the caller")
    @DELETE
    @Path("sessions/{sessionId}")
    @Secured
    public Response endSession(@PathParam("sessionId") String sessionId) {
        login.endSession(sessionId);
        return Response.noContent().build();
    }

    @Operation(summary = "Change the password; every session of the user ends")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (a wrong currentPassword included)")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "CSRF_INVALID")
    @APIResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS, with Retry-After")
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
