package com.videoplatform.auth.platform.http;

/**
 * Who sent a request, as far as the server can tell: the client's address, its user agent
 * (capped in length) and whether it came over https. Made by {@link Clients}.
 */
public record ClientInfo(String ip, String userAgent, boolean secure) {

    public ClientInfo(String ip, String userAgent) {
        this(ip, userAgent, false);
    }
}
