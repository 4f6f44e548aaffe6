package com.videoplatform.auth.client;

import java.time.Instant;

/** A video; {@code description} may be null. */
public record Video(
        long id,
        String title,
        String description,
        int durationSeconds,
        String url,
        long ownerId,
        Instant createdAt,
        Instant updatedAt) {}
