package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.ClientInfo;
import com.videoplatform.auth.platform.ErrorCode;
import com.videoplatform.auth.platform.Redis;
import com.videoplatform.auth.platform.Redis.Script;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server-side sessions in Redis. A session is a hash {@code sess:{userId}:<sid>} holding the
 * current token id ({@code jti}) and what the user sees of it, expiring with its newest token; a
 * sorted set {@code sessions:{userId}} lists a user's sessions by age. The braces are a Redis
 * Cluster hash tag: all keys of one user live in one slot, so each change is one atomic script.
 */
@ApplicationScoped
public class Sessions {

    public record Info(String sessionId, Instant createdAt, String userAgent, String ip) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Script OPEN = Script.of("""
            redis.call('HSET', KEYS[2], 'jti', ARGV[2], 'created', ARGV[3], 'login', ARGV[4], 'end', ARGV[5], 'ua', ARGV[7], 'ip', ARGV[8])
            redis.call('EXPIREAT', KEYS[2], ARGV[6])
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            redis.call('EXPIREAT', KEYS[1], ARGV[5])
            for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if redis.call('EXISTS', ARGV[10] .. m) == 0 then redis.call('ZREM', KEYS[1], m) end
            end
            local evicted = {}
            local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[9])
            if excess > 0 then
              for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do
                redis.call('DEL', ARGV[10] .. m)
                redis.call('ZREM', KEYS[1], m)
                evicted[#evicted + 1] = m
              end
            end
            return evicted
            """);

    private static final Script ROTATE = Script.of("""
            if redis.call('HGET', KEYS[1], 'jti') ~= ARGV[1] then return 0 end
            local now = tonumber(ARGV[3])
            local exp = math.min(now + tonumber(ARGV[4]), tonumber(redis.call('HGET', KEYS[1], 'end')))
            if exp <= now then
              redis.call('DEL', KEYS[1])
              return 0
            end
            redis.call('HSET', KEYS[1], 'jti', ARGV[2])
            redis.call('EXPIREAT', KEYS[1], exp)
            return exp
            """);

    private static final Script LIST = Script.of("""
            local out = {}
            for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local v = redis.call('HMGET', ARGV[1] .. m, 'created', 'ua', 'ip')
              if v[1] then
                out[#out + 1] = m
                out[#out + 1] = v[1]
                out[#out + 1] = v[2] or ''
                out[#out + 1] = v[3] or ''
              else
                redis.call('ZREM', KEYS[1], m)
              end
            end
            return out
            """);

    private static final Script END = Script.of("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            return redis.call('DEL', KEYS[2])
            """);

    private static final Script END_ALL = Script.of("""
            local n = 0
            for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              n = n + redis.call('DEL', ARGV[1] .. m)
            end
            redis.call('DEL', KEYS[1])
            return n
            """);

    @Inject
    Redis redis;

    @Inject
    @ConfigProperty(name = "AUTH_MAX_SESSIONS", defaultValue = "5")
    int maxSessions;

    /** 128 bits from a CSPRNG, base64url: for session ids and token ids. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Opens a session; returns the ids of older sessions it evicted beyond the per-user limit. */
    public List<String> open(long userId, String sessionId, String jti, long loginTime, long end, long expiresAt,
                             ClientInfo client) {
        List<Object> evicted = redis.eval(OPEN, ScriptOutputType.MULTI,
                new String[] {index(userId), session(userId, sessionId)},
                sessionId, jti, Long.toString(System.currentTimeMillis()), Long.toString(loginTime),
                Long.toString(end), Long.toString(expiresAt),
                Objects.toString(client.userAgent(), ""), Objects.toString(client.ip(), ""),
                Integer.toString(Math.max(1, maxSessions)), prefix(userId));
        return evicted.stream().map(String::valueOf).toList();
    }

    /**
     * Moves a session from its current token id to a new one, atomically, so that of concurrent
     * refreshes of one token exactly one wins. Returns the new token's expiry, capped by the
     * session's absolute end, or empty when the token was not the session's current one.
     */
    public OptionalLong rotate(long userId, String sessionId, String currentJti, String newJti, long now, long ttl) {
        Long exp = redis.eval(ROTATE, ScriptOutputType.INTEGER, new String[] {session(userId, sessionId)},
                currentJti, newJti, Long.toString(now), Long.toString(ttl));
        return exp == null || exp == 0 ? OptionalLong.empty() : OptionalLong.of(exp);
    }

    /** The per-request check: one round trip. */
    public void requireCurrent(long userId, String sessionId, String jti) {
        String current = redis.sync().hget(session(userId, sessionId), "jti");
        if (!jti.equals(current)) {
            throw new ApiException(ErrorCode.TOKEN_REVOKED, "The session of this token has ended.");
        }
    }

    public boolean end(long userId, String sessionId) {
        Long deleted = redis.eval(END, ScriptOutputType.INTEGER,
                new String[] {index(userId), session(userId, sessionId)}, sessionId);
        return deleted != null && deleted > 0;
    }

    public long endAll(long userId) {
        Long deleted = redis.eval(END_ALL, ScriptOutputType.INTEGER, new String[] {index(userId)}, prefix(userId));
        return deleted == null ? 0 : deleted;
    }

    /** The user's live sessions, newest first. */
    public List<Info> list(long userId) {
        List<Object> flat = redis.eval(LIST, ScriptOutputType.MULTI, new String[] {index(userId)}, prefix(userId));
        List<Info> sessions = new ArrayList<>();
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            sessions.add(new Info(String.valueOf(flat.get(i)),
                    Instant.ofEpochMilli(Long.parseLong(String.valueOf(flat.get(i + 1)))),
                    blankToNull(flat.get(i + 2)), blankToNull(flat.get(i + 3))));
        }
        Collections.reverse(sessions);
        return sessions;
    }

    private static String blankToNull(Object value) {
        String s = String.valueOf(value);
        return s.isEmpty() ? null : s;
    }

    private static String index(long userId) {
        return "sessions:{" + userId + "}";
    }

    private static String prefix(long userId) {
        return "sess:{" + userId + "}:";
    }

    private static String session(long userId, String sessionId) {
        return prefix(userId) + sessionId;
    }
}
