package com.videoplatform.auth.platform.http;

/**
 * Who sent a request, as far as the server can tell: the client's address, its user agent
 * (capped in length) and whether it came over https. Made by {@link Clients}, which also produces
 * the current request's for injection ({@code @Inject ClientInfo client}). A class rather than a
 * record: a request-scoped bean must be proxyable.
 */
public class ClientInfo {

    private final String ip;
    private final String userAgent;
    private final boolean secure;

    /** For the container's proxy of the request-scoped bean only. */
    protected ClientInfo() {
        this(null, null, false);
    }

    public ClientInfo(String ip, String userAgent, boolean secure) {
        this.ip = ip;
        this.userAgent = userAgent;
        this.secure = secure;
    }

    public String ip() {
        return ip;
    }

    public String userAgent() {
        return userAgent;
    }

    public boolean secure() {
        return secure;
    }
}
