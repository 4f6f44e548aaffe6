package com.videoplatform.auth.token;

import java.time.Instant;

/** Who a user is, as a session shows it; {@code lastLoginAt} is the latest login of any of their sessions. */
public record Profile(String mobile, String nickname, Instant lastLoginAt) {}
