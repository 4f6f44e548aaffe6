package com.videoplatform.auth.token;

import com.videoplatform.auth.audit.Actor;
import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.http.ProblemMapper;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guards {@link Secured} resources: finds the token (Authorization header with the Bearer or JWT
 * scheme, else the {@code access_token} cookie), checks it ({@link TokenCheck}), enforces the
 * double-submit CSRF check for cookie-authenticated unsafe requests, and installs the caller as
 * the request's {@link SecurityContext}. Responses to authenticated requests are never cached, and
 * those that refuse access (403) are audited as {@code access.denied}.
 */
@Secured
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String ACCESS_COOKIE = "access_token";
    public static final String CSRF_COOKIE = "csrf_token";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    TokenCheck check;

    @Inject
    AuditLog audit;

    @Inject
    TokenMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> header = headerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Cookie cookie = request.getCookies().get(ACCESS_COOKIE);
        boolean byCookie = header.isEmpty() && cookie != null;
        String token = header.orElse(byCookie ? cookie.getValue() : null);
        if (token == null) {
            throw new ApiException(ErrorCode.AUTH_REQUIRED, "This resource needs a token.");
        }
        Caller caller;
        long start = System.nanoTime();
        try {
            caller = authenticate(token, byCookie);
        } catch (ApiException rejected) {
            if (rejected.code().isTokenRejection()) {
                metrics.rejected(rejected.code());
                audit.write(
                        audit.failure("token.rejected").reason(rejected.code().name()));
            }
            throw rejected;
        } finally {
            metrics.checkTook(System.nanoTime() - start);
        }
        // the caller is installed before the CSRF check so that a refusal's audit line names them;
        // a refused request never reaches a resource. The request's property is its servlet request's
        // attribute, where Callers and the audit log find it (set here rather than through an injected
        // HttpServletRequest, whose proxy costs each request a lookup); the security context serves RoleCheck.
        request.setProperty(Actor.ATTRIBUTE, caller);
        request.setSecurityContext(
                new CallerContext(caller, request.getSecurityContext().isSecure()));
        if (byCookie && !SAFE_METHODS.contains(request.getMethod()) && !csrfMatches(request)) {
            throw new ApiException(ErrorCode.CSRF_INVALID, "This request needs the X-CSRF-Token header.");
        }
    }

    /** Signature and claims, then the session: the whole check of a presented token. */
    private Caller authenticate(String token, boolean byCookie) {
        TokenCheck.Checked checked = check.check(token);
        TokenClaims claims = checked.claims();
        return new Caller(
                claims.userId(),
                claims.sessionId(),
                claims.jti(),
                claims.loginTime(),
                claims.roles(),
                checked.profile(),
                byCookie);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        if (response.getStatus() == Response.Status.FORBIDDEN.getStatusCode()) {
            auditDenied(request, response);
        }
    }

    /**
     * The answer to every authenticated request passes here, whoever refused it: the CSRF check
     * above, {@link RoleCheck}, or an ownership rule of a resource. So this is the one place that
     * audits a refused access, with the code the client was given.
     */
    private void auditDenied(ContainerRequestContext request, ContainerResponseContext response) {
        audit.write(audit.failure("access.denied")
                .reason(ProblemMapper.code(response.getEntity()).orElse(ErrorCode.FORBIDDEN.name()))
                .target(request.getMethod() + " "
                        + request.getUriInfo().getRequestUri().getRawPath()));
    }

    /** The token of a Bearer or JWT Authorization header; other schemes are no credentials. */
    static Optional<String> headerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.equals("bearer") && !scheme.equals("jwt")) {
            return Optional.empty();
        }
        return Optional.of(space < 0 ? "" : value.substring(space + 1).strip());
    }

    private static boolean csrfMatches(ContainerRequestContext request) {
        String header = request.getHeaderString(CSRF_HEADER);
        Cookie cookie = request.getCookies().get(CSRF_COOKIE);
        if (header == null || cookie == null || cookie.getValue().isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }

    private record CallerContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.hasRole(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
