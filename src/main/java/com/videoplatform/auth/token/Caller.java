package com.videoplatform.auth.token;

import com.videoplatform.auth.audit.Actor;
import java.security.Principal;
import java.util.Set;

/**
 * The authenticated caller of a request, as its token and session proved it. {@link TokenFilter}
 * installs it; resources and control beans get it injected ({@code @Inject Caller caller}), produced
 * per request by {@link Callers}. A class rather than a record: a request-scoped bean must be
 * proxyable.
 */
public class Caller implements Principal, Actor {

    private final long userId;
    private final String sessionId;
    private final String jti;
    private final long loginTime;
    private final Set<String> roles;
    private final Profile profile;
    private final boolean byCookie;

    /** For the container's proxy of the request-scoped bean only. */
    protected Caller() {
        this(0, null, null, 0, Set.of(), null, false);
    }

    Caller(
            long userId,
            String sessionId,
            String jti,
            long loginTime,
            Set<String> roles,
            Profile profile,
            boolean byCookie) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.jti = jti;
        this.loginTime = loginTime;
        this.roles = roles;
        this.profile = profile;
        this.byCookie = byCookie;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    public String jti() {
        return jti;
    }

    /** Epoch seconds of the login that opened the session. */
    public long loginTime() {
        return loginTime;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Who the user is, as the session keeps it. */
    public Profile profile() {
        return profile;
    }

    /** Whether the token came in the {@code access_token} cookie, so that a refresh renews the cookie. */
    public boolean byCookie() {
        return byCookie;
    }

    @Override
    public String getName() {
        return Long.toString(userId);
    }
}
