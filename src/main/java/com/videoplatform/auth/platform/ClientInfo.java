package com.videoplatform.auth.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;

/** Who sent a request, as far as the server can tell: its address and its user agent (capped in length). */
public record ClientInfo(String ip, String userAgent) {

    private static final int MAX_USER_AGENT = 256;

    public static ClientInfo of(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(request.getRemoteAddr(), agent);
    }
}
