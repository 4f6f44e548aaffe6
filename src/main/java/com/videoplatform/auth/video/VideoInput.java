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
    public String title;

    @Size(max = 5000)
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
