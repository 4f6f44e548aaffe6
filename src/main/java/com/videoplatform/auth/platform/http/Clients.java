package com.videoplatform.auth.platform.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells who sent a request. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * only from the addresses in {@code AUTH_TRUSTED_PROXIES}; anyone else could write them.
 */
@ApplicationScoped
public class Clients {

    static final int MAX_USER_AGENT = 256;

    @Inject
    @ConfigProperty(name = "AUTH_TRUSTED_PROXIES")
    Optional<String> trustedProxies;

    private Set<String> trusted;

    @PostConstruct
    void init() {
        trusted = trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    public ClientInfo of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), request.isSecure(), request.getHeader("X-Forwarded-For"),
                request.getHeader("X-Forwarded-Proto"), request.getHeader(HttpHeaders.USER_AGENT));
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
