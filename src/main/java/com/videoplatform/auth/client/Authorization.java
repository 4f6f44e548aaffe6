package com.videoplatform.auth.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Values of the {@code Authorization} header that the client interfaces take. */
public final class Authorization {

    private Authorization() {}

    /** A user's token, as the protected operations take it. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A service's client credentials, as introspection takes them (a pair of {@code AUTH_INTROSPECTION_CLIENTS}). */
    public static String basic(String clientId, String secret) {
        return "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
