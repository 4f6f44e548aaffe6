package com.videoplatform.auth.client;

import java.util.List;

/** An error body (RFC 9457 problem details); {@code errors} only with VALIDATION_FAILED. */
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    /** A field in error: its JSON property or query parameter ({@code body} for the body as a whole), and what to enter. */
    public record FieldError(String field, String message) {}
}
