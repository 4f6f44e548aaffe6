package com.videoplatform.auth.client;

import java.time.Instant;
import java.util.Set;

/** A user as administrators see them; {@code lastLoginAt} may be null. */
public record Account(
        long userId,
        String mobile,
        String nickname,
        Set<String> roles,
        boolean enabled,
        Instant createdAt,
        Instant lastLoginAt) {}
