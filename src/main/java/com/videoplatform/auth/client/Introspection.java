package com.videoplatform.auth.client;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Set;

/**
 * An introspection's answer (RFC 7662). When {@code active} is false every other field is null: the
 * token is bad, expired, revoked or rotated away, and no reason is given. {@code sub} is the user
 * id, {@code sid} the session; {@code exp} and {@code iat} are epoch seconds.
 */
public record Introspection(
        boolean active,
        String sub,
        String sid,
        String jti,
        String iss,
        String aud,
        Long exp,
        Long iat,
        Set<String> roles,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("client_id") String clientId) {}
