package com.videoplatform.auth.token;

import java.security.Principal;
import java.util.Set;

/** The authenticated caller of a request, as its token and session proved it. */
public record Caller(long userId, String sessionId, String jti, long loginTime, Set<String> roles, long expiresAt,
                     Sessions.Profile profile) implements Principal {

    @Override
    public String getName() {
        return Long.toString(userId);
    }
}
