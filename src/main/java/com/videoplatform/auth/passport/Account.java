package com.videoplatform.auth.passport;

import java.time.Instant;
import java.util.Set;

/** A user as administrators see them: profile, state and last login, never a credential. */
public record Account(
        long userId,
        String mobile,
        String nickname,
        Set<String> roles,
        boolean enabled,
        Instant createdAt,
        Instant lastLoginAt) {

    static Account of(UserInfo user, UserLogin login) {
        return new Account(
                user.getId(),
                user.getMobile(),
                user.getNickname(),
                user.getRoles(),
                login.isEnabled(),
                user.getCreatedAt(),
                login.getLastLoginAt());
    }
}
