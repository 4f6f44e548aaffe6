package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.Timestamps;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Profile;
import com.videoplatform.auth.token.SessionInfo;
import com.videoplatform.auth.token.TokenMetrics;
import com.videoplatform.auth.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login: the attempt counted by the throttle, then the password (always one hash verification, so
 * an unknown or malformed mobile and a wrong password cost the same and answer the same), then the
 * account's state, then a new session and its token. Also what a signed-in user does with their
 * sessions: refresh (which the account's state governs too), logout, ending one, listing them.
 */
@ApplicationScoped
public class Login {

    /** The login body. A class with fields, not a record: Payara's OpenAPI scanner fails on constrained record components. */
    public static class Request {
        @NotNull
        public String mobile;

        @NotNull
        public String password;

        /** true: the token is also set as the {@code access_token} cookie, with a {@code csrf_token} cookie. */
        public Boolean cookie;
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    Passwords passwords;

    @Inject
    Users users;

    @Inject
    TokenService tokens;

    @Inject
    AuditLog audit;

    @Inject
    TokenMetrics metrics;

    @Inject
    ClientInfo client;

    @Inject
    Caller caller;

    @Inject
    Roles roles;

    /** A login whose body Bean Validation has checked, timed for the operator's figures. */
    public TokenService.Issued login(Request request) {
        long start = System.nanoTime();
        try {
            return attempt(request);
        } finally {
            metrics.loginTook(System.nanoTime() - start);
        }
    }

    private TokenService.Issued attempt(Request request) {
        String mobile = request.mobile;
        // a mobile that cannot exist gets no counter of its own (an attacker could make endless ones); its IP's counts
        String counted = mobile.matches(Registration.MOBILE_PATTERN) ? mobile : null;
        try {
            throttle.reserve(counted, client.ip());
        } catch (ApiException e) {
            metrics.login("throttled");
            audit.write(audit.failure("login").mobile(mobile).reason(e.code().name()));
            throw e;
        }
        Optional<UserLogin> credentials;
        boolean matches;
        try {
            credentials = counted == null ? Optional.empty() : users.credentials(counted);
            matches = passwords.matches(request.password, credentials.map(UserLogin::getPasswordHash));
        } catch (RuntimeException e) {
            throttle.refund(counted, client.ip());
            throw e;
        }
        if (!matches) {
            // the reserved attempt stays counted: it is the failure
            metrics.login("invalid_credentials");
            audit.write(audit.failure("login").mobile(mobile).reason(ErrorCode.INVALID_CREDENTIALS.name()));
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The mobile or the password is wrong.");
        }
        UserLogin login = credentials.orElseThrow();
        throttle.succeeded(mobile, client.ip());
        if (!login.isEnabled()) {
            // only the right password learns that the account is disabled: a wrong one got the usual answer above
            metrics.login("disabled");
            audit.write(audit.failure("login")
                    .user(login.getUserId())
                    .mobile(mobile)
                    .reason(ErrorCode.ACCOUNT_DISABLED.name()));
            throw new ApiException(ErrorCode.ACCOUNT_DISABLED, "This account is disabled.");
        }
        Optional<String> upgraded = passwords.isOutdated(login.getPasswordHash())
                ? Optional.of(passwords.hash(request.password))
                : Optional.empty();
        Instant at = Timestamps.now();
        // AUTH_ADMIN_MOBILES as it is now: a mobile added while the service runs is an admin from this login
        boolean admin = roles.adminMobiles().contains(mobile);
        UserInfo user = users.loggedIn(login.getUserId(), at, upgraded, admin);
        TokenService.Issued issued = tokens.open(
                user.getId(), new Profile(user.getMobile(), user.getNickname(), at), user.getRoles(), client);
        metrics.login("success");
        audit.write(audit.success("login")
                .user(user.getId())
                .session(issued.sessionId())
                .mobile(mobile));
        return issued;
    }

    /** A new token for the caller's session, while the account still exists and is enabled. */
    public TokenService.Issued refresh() {
        try {
            users.active(caller.userId());
            TokenService.Issued issued = tokens.refresh(caller);
            audit.write(audit.success("refresh"));
            return issued;
        } catch (ApiException e) {
            audit.write(audit.failure("refresh").reason(e.code().name()));
            throw e;
        }
    }

    /** Ends the caller's session. */
    public void logout() {
        tokens.end(caller.userId(), caller.sessionId());
        audit.write(audit.success("logout"));
    }

    /** Ends one of the caller's sessions; 404 when the caller has no such live session. */
    public void endSession(String sessionId) {
        if (!tokens.end(caller.userId(), sessionId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such session.");
        }
        audit.write(audit.success("session.revoke").session(sessionId));
    }

    /** The caller's live sessions, newest first. */
    public List<SessionInfo> sessions() {
        return tokens.list(caller.userId());
    }
}
