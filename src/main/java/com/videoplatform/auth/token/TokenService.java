package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The session life cycle, the one way into it from outside this package: opens a session (and
 * its first token) for a user who proved their credentials, rotates a session to a new token, ends
 * one session or all of a user's, and lists them. The per-request check does not come through
 * here: {@link TokenFilter} asks {@link TokenCodec} and {@link Sessions} directly, because a call
 * through the EJB container costs more than the whole check (see bench/RESULTS.md). Created at
 * deployment, so that a bad lifetime fails the deployment, not the first login. The token lifetime
 * is read at each login and refresh, so an operator's change applies to the next one.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenService {

    public record Issued(String token, String sessionId, long userId, long expiresIn) {}

    Setting tokenTtl;

    long sessionLifetime;

    @Inject
    TokenCodec codec;

    @Inject
    Sessions sessions;

    @PostConstruct
    void init() {
        tokenTtl = Setting.positive("AUTH_TOKEN_TTL", 86400);
        sessionLifetime = Setting.positive("AUTH_SESSION_LIFETIME", 2592000).get();
    }

    /**
     * Opens a new session for a user who just proved their credentials, and its first token; the
     * profile's {@code lastLoginAt} is the time of this login.
     */
    public Issued open(long userId, Profile profile, Collection<String> roles, ClientInfo client) {
        long now = profile.lastLoginAt().getEpochSecond();
        String sessionId = Sessions.newId();
        String jti = Sessions.newId();
        long exp = Math.min(now + tokenTtl.get(), now + sessionLifetime);
        sessions.open(userId, profile, sessionId, jti, exp, client);
        return new Issued(codec.sign(userId, sessionId, jti, now, roles, now, exp), sessionId, userId, exp - now);
    }

    /** A new token for the caller's session; the caller's token stops working at once. */
    public Issued refresh(Caller caller) {
        long now = Instant.now().getEpochSecond();
        String jti = Sessions.newId();
        long exp = sessions.rotate(
                        caller.userId(), caller.sessionId(), caller.jti(), jti, now, tokenTtl.get(), sessionLifetime)
                .orElseThrow(() -> new ApiException(ErrorCode.TOKEN_REVOKED, "The session of this token has ended."));
        String token =
                codec.sign(caller.userId(), caller.sessionId(), jti, caller.loginTime(), caller.roles(), now, exp);
        return new Issued(token, caller.sessionId(), caller.userId(), exp - now);
    }

    /** Ends one session of the user; false when there was no such live session. */
    public boolean end(long userId, String sessionId) {
        return sessions.end(userId, sessionId);
    }

    /** Ends every session of the user; returns how many were live. */
    public long endAll(long userId) {
        return sessions.endAll(userId);
    }

    /** The user's live sessions, newest first. */
    public List<SessionInfo> list(long userId) {
        return sessions.list(userId);
    }

    /** 128 bits from a CSPRNG, base64url: for session ids, token ids and other unguessable values. */
    public static String newId() {
        return Sessions.newId();
    }
}
