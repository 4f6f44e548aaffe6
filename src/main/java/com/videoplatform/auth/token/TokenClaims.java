package com.videoplatform.auth.token;

import java.util.Set;

/** The claims of a token whose signature and standard claims have been checked. */
record TokenClaims(
        long userId, String sessionId, String jti, long loginTime, Set<String> roles, long issuedAt, long expiresAt) {}
