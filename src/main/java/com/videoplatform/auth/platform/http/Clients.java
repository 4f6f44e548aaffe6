package com.videoplatform.auth.platform.http;

import com.videoplatform.auth.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Collection;
import java.util.Set;

/**
 * Tells who sent a request. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * only from the addresses in {@code AUTH_TRUSTED_PROXIES}; anyone else could write them.
 */
@ApplicationScoped
public class Clients {

    static final int MAX_USER_AGENT = 256;

    private Set<String> trusted;

    @PostConstruct
    void init() {
        trust(Settings.list("AUTH_TRUSTED_PROXIES"));
    }

    void trust(Collection<String> proxies) {
        trusted = Set.copyOf(proxies);
    }

    /** The current request's client, for injection. */
    @Produces
    @RequestScoped
    ClientInfo current(HttpServletRequest request) {
        return of(request);
    }

    public ClientInfo of(HttpServletRequest request) {
        return resolve(
                request.getRemoteAddr(),
                request.isSecure(),
                request.getHeader("X-Forwarded-For"),
                request.getHeader("X-Forwarded-Proto"),
                request.getHeader(HttpHeaders.USER_AGENT));
    }

    ClientInfo resolve(String remote, boolean secure, String forwardedFor, String forwardedProto, String agent) {
        String ip = remote;
        if (trusted.contains(remote)) {
            if (forwardedFor != null) {
                String[] hops = forwardedFor.split(",");
                // walk from the nearest hop back; the first address we do not trust is the client
                for (int i = hops.length - 1; i >= 0; i--) {
                    ip = hops[i].trim();
                    if (!trusted.contains(ip)) {
                        break;
                    }
                }
            }
            if (forwardedProto != null) {
                secure = forwardedProto.trim().equalsIgnoreCase("https");
            }
        }
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(ip == null || ip.isEmpty() ? remote : ip, agent, secure);
    }
}
