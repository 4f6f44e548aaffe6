package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * What other services learn of a token they were given (RFC 7662): its claims when {@code GET /me}
 * would accept it at this moment, by the very check {@link TokenFilter} applies. Client
 * authentication, throttling and the answer's shape are the endpoint's (passport.Introspect).
 */
@ApplicationScoped
public class Introspection {

    /** A live token's facts; {@code iat} and {@code exp} in epoch seconds. */
    public record Active(
            long userId,
            String sessionId,
            String jti,
            String issuer,
            String audience,
            long issuedAt,
            long expiresAt,
            Set<String> roles) {}

    /** A dead token (bad, expired, revoked, rotated away): the code {@code /me} would have answered. */
    public static final class Inactive extends Exception {
        private final transient ApiException reason;

        Inactive(ApiException reason) {
            super(reason.code().name(), null, false, false);
            this.reason = reason;
        }

        public String code() {
            return reason.code().name();
        }
    }

    @Inject
    TokenCheck check;

    @Inject
    TokenCodec codec;

    /** The token's facts, or {@link Inactive}; a backend outage is thrown as is (503: never a guess). */
    public Active introspect(String token) throws Inactive {
        TokenClaims claims;
        try {
            claims = check.check(token).claims();
        } catch (ApiException e) {
            if (e.code().isTokenRejection()) {
                throw new Inactive(e);
            }
            throw e;
        }
        return new Active(
                claims.userId(),
                claims.sessionId(),
                claims.jti(),
                codec.issuer(),
                codec.audience(),
                claims.issuedAt(),
                claims.expiresAt(),
                claims.roles());
    }
}
