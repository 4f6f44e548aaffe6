package com.videoplatform.auth.client;

/** The error codes of problems (docs/api.md, "Errors"); {@link #UNKNOWN} for a code newer than this client. */
public enum ErrorCode {
    AUTH_REQUIRED,
    TOKEN_INVALID,
    TOKEN_EXPIRED,
    TOKEN_REVOKED,
    CSRF_INVALID,
    FORBIDDEN,
    INVALID_CREDENTIALS,
    CLIENT_UNAUTHORIZED,
    ACCOUNT_DISABLED,
    TOO_MANY_ATTEMPTS,
    CAPTCHA_INVALID,
    VALIDATION_FAILED,
    MOBILE_TAKEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    PAYLOAD_TOO_LARGE,
    HEADERS_TOO_LARGE,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR,
    UNKNOWN;

    /** The code named {@code name}, or {@link #UNKNOWN}. */
    public static ErrorCode of(String name) {
        for (ErrorCode code : values()) {
            if (code != UNKNOWN && code.name().equals(name)) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
