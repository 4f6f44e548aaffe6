package com.videoplatform.auth.video;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client may set on a video; {@code id}, {@code ownerId} and times in a body are ignored.
 * A class with fields, not a record: Payara's OpenAPI scanner fails on constrained record components.
 */
public class VideoInput {

    @NotNull
    @Size(min = 1, max = 200)
    @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{text.noControl}")
    public String title;

    /** Tabs and line breaks are text; other control characters (NUL among them, which PostgreSQL refuses) are not. */
    @Size(max = 5000, message = "{video.description.size}")
    @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "{video.description.noControl}")
    public String description;

    @NotNull
    @Min(value = 1, message = "{video.duration}")
    @Max(value = 86_400, message = "{video.duration}")
    public Integer durationSeconds;

    @NotNull
    @Size(max = 2048, message = "{video.url.size}")
    @Pattern(regexp = "(?i)https?://[^\\s/?#@]+(?:[/?#]\\S*)?", message = "{video.url}")
    public String url;
}
