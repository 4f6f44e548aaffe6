package com.videoplatform.auth.client;

import java.time.Instant;

/** One of the caller's sessions; {@code current} marks the caller's own. {@code userAgent}, {@code ip}, {@code device} may be null. */
public record Session(
        String sessionId, Instant createdAt, String userAgent, String ip, String device, boolean current) {}
