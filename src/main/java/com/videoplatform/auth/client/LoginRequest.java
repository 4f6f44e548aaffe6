package com.videoplatform.auth.client;

/** {@code cookie}: true also sets the browser cookies; null or false for a service. */
public record LoginRequest(String mobile, String password, Boolean cookie) {

    public LoginRequest(String mobile, String password) {
        this(mobile, password, null);
    }
}
