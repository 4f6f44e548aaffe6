package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.Timestamps;
import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.ClientInfo;
import com.videoplatform.auth.platform.ErrorCode;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Sessions;
import com.videoplatform.auth.token.TokenMetrics;
import com.videoplatform.auth.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Login: the attempt counted by the throttle, then the password (always one hash verification, so
 * an unknown or malformed mobile and a wrong password cost the same and answer the same), then the
 * account's state, then a new session and its token. Also the refresh of a session, which the
 * account's state governs too.
 */
@ApplicationScoped
public class Login {

    public record Request(String mobile, String password, Boolean cookie) {
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

    public TokenService.Issued login(Request request, ClientInfo client) {
        if (request == null || request.mobile() == null || request.password() == null) {
            throw ApiException.invalid(request == null || request.mobile() == null ? "mobile" : "password", "Fill this in.");
        }
        String mobile = request.mobile();
        // a mobile that cannot exist gets no counter of its own (an attacker could make endless ones); its IP's counts
        String counted = mobile.matches(Registration.MOBILE_PATTERN) ? mobile : null;
        try {
            throttle.reserve(counted, client.ip());
        } catch (ApiException e) {
            metrics.login("throttled");
            audit.write(AuditLog.failure("login", client).mobile(mobile).reason(e.code().name()));
            throw e;
        }
        Optional<UserLogin> credentials;
        boolean matches;
        try {
            credentials = counted == null ? Optional.empty() : users.credentials(counted);
            matches = passwords.matches(request.password(), credentials.map(UserLogin::getPasswordHash));
        } catch (RuntimeException e) {
            throttle.refund(counted, client.ip());
            throw e;
        }
        if (!matches) {
            // the reserved attempt stays counted: it is the failure
            metrics.login("invalid_credentials");
            audit.write(AuditLog.failure("login", client).mobile(mobile).reason(ErrorCode.INVALID_CREDENTIALS.name()));
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The mobile or the password is wrong.");
        }
        UserLogin login = credentials.orElseThrow();
        throttle.succeeded(mobile, client.ip());
        if (!login.isEnabled()) {
            // only the right password learns that the account is disabled: a wrong one got the usual answer above
            metrics.login("disabled");
            audit.write(AuditLog.failure("login", client).user(login.getUserId()).mobile(mobile).reason(ErrorCode.ACCOUNT_DISABLED.name()));
            throw new ApiException(ErrorCode.ACCOUNT_DISABLED, "This account is disabled.");
        }
        Optional<String> upgraded = passwords.isOutdated(login.getPasswordHash())
                ? Optional.of(passwords.hash(request.password()))
                : Optional.empty();
        Instant at = Timestamps.now();
        UserInfo user = users.loggedIn(login.getUserId(), at, upgraded);
        TokenService.Issued issued = tokens.open(user.getId(), new Sessions.Profile(user.getMobile(), user.getNickname(), at),
                user.getRoles(), client);
        metrics.login("success");
        audit.write(AuditLog.success("login", client).user(user.getId()).session(issued.sessionId()).mobile(mobile));
        return issued;
    }

    /** A new token for the caller's session, while the account still exists and is enabled. */
    public TokenService.Issued refresh(Caller caller) {
        users.active(caller.userId());
        return tokens.refresh(caller);
    }
}
