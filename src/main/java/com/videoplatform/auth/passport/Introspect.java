package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.Settings;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.token.Introspection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Token introspection for other services (RFC 7662, docs/api.md "For other services"): the
 * services named in {@code AUTH_INTROSPECTION_CLIENTS} authenticate with HTTP Basic, and learn
 * whether a token is live and, if so, its claims. Without clients the endpoint does not exist (404).
 */
@ApplicationScoped
public class Introspect {

    /** The answer for a live token; RFC 7662's member names. */
    public record Active(
            boolean active,
            String sub,
            String sid,
            String jti,
            String iss,
            String aud,
            long exp,
            long iat,
            Set<String> roles,
            @JsonbProperty("token_type") String tokenType,
            @JsonbProperty("client_id") String clientId) {}

    /** The answer for any other token: no reason is given. */
    public record Inactive(boolean active) {}

    static final int MIN_SECRET_LENGTH = 16;
    private static final String SETTING = "AUTH_INTROSPECTION_CLIENTS";

    @Inject
    Introspection introspection;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    ClientInfo client;

    /** Client id to the SHA-256 of its secret: compared in constant time, whatever the length sent. */
    private Map<String, byte[]> clients;

    @PostConstruct
    void init() {
        Map<String, byte[]> parsed = new HashMap<>();
        for (String entry : Settings.list(SETTING)) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || entry.length() - colon - 1 < MIN_SECRET_LENGTH) {
                throw new InvalidSetting(
                        SETTING,
                        "must be a comma list of clientId:secret, each secret at least " + MIN_SECRET_LENGTH
                                + " characters long");
            }
            if (parsed.put(entry.substring(0, colon), sha256(entry.substring(colon + 1))) != null) {
                throw new InvalidSetting(SETTING, "names a client id twice");
            }
        }
        clients = Map.copyOf(parsed);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad client list fails the deployment
    }

    /** The answer for {@code token}, asked by the client of the {@code Authorization} header. */
    public Object introspect(String authorization, String token) {
        if (clients.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such resource.");
        }
        throttle.requireClientAllowed(client.ip());
        Optional<String> clientId = authenticate(authorization);
        if (clientId.isEmpty()) {
            audit.write(audit.failure("introspect").reason(ErrorCode.CLIENT_UNAUTHORIZED.name()));
            throttle.clientFailed(client.ip());
            throw new ApiException(
                    ErrorCode.CLIENT_UNAUTHORIZED, "Authenticate with the client credentials of your service.");
        }
        if (token == null || token.isEmpty()) {
            throw ApiException.invalid("token", "Send the token to introspect.");
        }
        try {
            Introspection.Active live = introspection.introspect(token);
            return new Active(
                    true,
                    Long.toString(live.userId()),
                    live.sessionId(),
                    live.jti(),
                    live.issuer(),
                    live.audience(),
                    live.expiresAt(),
                    live.issuedAt(),
                    live.roles(),
                    "Bearer",
                    clientId.get());
        } catch (Introspection.Inactive inactive) {
            audit.write(audit.failure("introspect").reason(inactive.code()).target("client:" + clientId.get()));
            return new Inactive(false);
        }
    }

    /** The client id of valid Basic credentials. */
    private Optional<String> authenticate(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.length() > 1024) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String id = pair.substring(0, colon);
        byte[] expected = clients.get(id);
        byte[] given = sha256(pair.substring(colon + 1));
        // compared even for an unknown id, so that timing does not tell ids apart
        boolean matches = MessageDigest.isEqual(expected == null ? new byte[given.length] : expected, given);
        return matches && expected != null ? Optional.of(id) : Optional.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
