package com.videoplatform.auth.client;

import java.time.Instant;
import java.util.Set;

/** The caller; {@code lastLoginAt} may be null. */
public record Me(long userId, String mobile, String nickname, Set<String> roles, Instant lastLoginAt) {}
