package com.videoplatform.auth.client;

/** A login's or refresh's token; {@code expiresIn} in seconds. */
public record Token(String token, String tokenType, long expiresIn, long userId, String sessionId) {

    /** The value of the {@code Authorization} header for this token. */
    public String authorization() {
        return Authorization.bearer(token);
    }
}
