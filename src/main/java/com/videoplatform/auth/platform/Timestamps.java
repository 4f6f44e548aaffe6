package com.videoplatform.auth.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Stored times, in the precision every supported database keeps, so a value reads back as it was written. */
public final class Timestamps {

    private Timestamps() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
