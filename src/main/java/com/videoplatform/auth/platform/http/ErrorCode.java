package com.videoplatform.auth.platform.http;

import jakarta.ws.rs.core.Response.Status;

/** The error codes of the API (docs/api.md, "Errors"), each with its status and a short title. */
public enum ErrorCode {
    AUTH_REQUIRED(401, "Authentication required"),
    TOKEN_INVALID(401, "Invalid token"),
    TOKEN_EXPIRED(401, "Token expired"),
    TOKEN_REVOKED(401, "Token revoked"),
    CSRF_INVALID(403, "CSRF check failed"),
    FORBIDDEN(403, "Forbidden"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    CLIENT_UNAUTHORIZED(401, "Client authentication failed"),
    ACCOUNT_DISABLED(403, "Account disabled"),
    TOO_MANY_ATTEMPTS(429, "Too many attempts"),
    CAPTCHA_INVALID(400, "Invalid captcha"),
    VALIDATION_FAILED(400, "Validation failed"),
    MOBILE_TAKEN(409, "Mobile already registered"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error");

    public final int status;
    public final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public boolean isTokenRejection() {
        return this == TOKEN_INVALID || this == TOKEN_EXPIRED || this == TOKEN_REVOKED;
    }

    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> AUTH_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 429 -> TOO_MANY_ATTEMPTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default ->
                Status.Family.familyOf(status) == Status.Family.CLIENT_ERROR ? VALIDATION_FAILED : INTERNAL_ERROR;
        };
    }
}
