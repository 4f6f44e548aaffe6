package com.videoplatform.auth.token;

import java.time.Instant;

/** One live session of a user, as the login that opened it left it. */
public record SessionInfo(String sessionId, Instant createdAt, String userAgent, String ip) {}
