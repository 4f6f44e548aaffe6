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
    @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
    public String title;

    /** Tabs and line breaks are text; other control characters (NUL among them, which PostgreSQL refuses) are not. */
    @Size(max = 5000)
    @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "must not contain control characters other than tab and line breaks")
    public String description;

    @NotNull
    @Min(1)
    @Max(86_400)
    public Integer durationSeconds;

    @NotNull
    @Size(max = 2048)
    @Pattern(regexp = "(?i)https?://[^\\s/?#@]+(?:[/?#]\\S*)?", message = "must be an http or https URL")
    public String url;
}
