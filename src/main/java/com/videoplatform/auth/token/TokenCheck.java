package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The whole check of a presented token, the one rule that {@link TokenFilter} applies to every
 * protected request and {@link Introspection} to the tokens other services ask about: signature
 * and claims, then the session (from memory while Redis vouches for it, else one read from Redis).
 */
@ApplicationScoped
class TokenCheck {

    /** A token that passed, with its session's profile. */
    record Checked(TokenClaims claims, Profile profile) {}

    @Inject
    TokenCodec codec;

    @Inject
    Sessions sessions;

    /** The token's claims and profile, or the {@link ApiException} that says why it is refused. */
    Checked check(String token) {
        TokenClaims claims = codec.verify(token);
        try {
            return new Checked(claims, sessions.requireCurrent(claims.userId(), claims.sessionId(), claims.jti()));
        } catch (ApiException revoked) {
            // the token expired between the two checks (its session ends by the same rule): the answer is expiry
            boolean expired =
                    TokenCodec.hasExpired(claims.expiresAt(), Instant.now().getEpochSecond());
            if (revoked.code() == ErrorCode.TOKEN_REVOKED && expired) {
                throw TokenCodec.expired();
            }
            throw revoked;
        }
    }
}
