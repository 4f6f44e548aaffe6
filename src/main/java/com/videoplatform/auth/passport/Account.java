package com.videoplatform.auth.passport;

import java.time.Instant;
import java.util.Set;

/** A user as administrators see them: profile and last login, never a credential. */
public record Account(long userId, String mobile, String nickname, Set<String> roles, Instant createdAt, Instant lastLoginAt) {

    static Account of(UserInfo user, Instant lastLoginAt) {
        return new Account(user.getId(), user.getMobile(), user.getNickname(), user.getRoles(), user.getCreatedAt(), lastLoginAt);
    }
}
