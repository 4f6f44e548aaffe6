package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.redis.Redis;
import com.videoplatform.auth.platform.redis.Redis.Script;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server-side sessions in Redis: one hash per user, {@code sess:<userId>}, with the fields
 * <pre>
 *   m, n       the user's mobile and nickname, which GET /me shows without a database query
 *   l          the time of the user's latest login, epoch milliseconds
 *   s:&lt;sid&gt;    "&lt;jti&gt; &lt;exp&gt; &lt;created&gt;": the session's current token id, when that token expires
 *              (epoch seconds) and when the session was opened (epoch milliseconds)
 *   c:&lt;sid&gt;    "&lt;ip&gt; &lt;user agent&gt;" of the login that opened it
 * </pre>
 * A session ends at logout, when evicted by a newer one beyond {@code AUTH_MAX_SESSIONS}, when
 * its user's sessions are all ended, or when its current token expires unrefreshed; its absolute
 * end is its opening plus {@code AUTH_SESSION_LIFETIME}. A token expires here by the rule of the
 * signature check, {@link TokenCodec#hasExpired}: in the scripts, a session whose token expires at
 * {@code exp} is live while {@code exp + skew > now}, the skew passed as their last argument. The
 * key expires with its longest-lived token, skew included. One key per user keeps a session small
 * in Redis, makes every change one atomic command or script on one key (so on one Redis Cluster
 * node), and makes the per-request check a read of one key that the near cache serves from memory.
 */
@ApplicationScoped
class Sessions {

    /** A user's hash, parsed once per read from Redis. */
    record Held(Profile profile, Map<String, Current> sessions) {
        boolean isCurrent(String sessionId, String jti) {
            Current current = sessions.get(sessionId);
            return profile != null && current != null && current.jti().equals(jti) && current.isLive();
        }
    }

    /** An {@code s:<sid>} value: the current token id, its expiry (epoch seconds), the opening (epoch milliseconds). */
    record Current(String jti, long expiresAt, Instant createdAt) {
        static Optional<Current> parse(String value) {
            String[] parts = value.split(" ");
            return parts.length != 3
                    ? Optional.empty()
                    : Optional.of(new Current(
                            parts[0], Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2]))));
        }

        boolean isLive() {
            return !TokenCodec.hasExpired(expiresAt, Instant.now().getEpochSecond());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "sess:";
    private static final String SKEW = Integer.toString(TokenCodec.CLOCK_SKEW_SECONDS);

    /** Drops ended sessions, evicts the oldest beyond the limit, adds the new one. */
    private static final Script OPEN = Script.of("""
            local key, now, skew = KEYS[1], tonumber(ARGV[9]), tonumber(ARGV[10])
            local live = {}
            local fields = redis.call('HGETALL', key)
            for i = 1, #fields, 2 do
              local sid = string.match(fields[i], '^s:(.+)$')
              if sid then
                local exp, created = string.match(fields[i + 1], '^%S+ (%d+) (%d+)$')
                if tonumber(exp) + skew <= now then
                  redis.call('HDEL', key, 's:' .. sid, 'c:' .. sid)
                else
                  live[#live + 1] = {tonumber(created), sid}
                end
              end
            end
            table.sort(live, function(a, b) return a[1] < b[1] end)
            for i = 1, #live + 1 - tonumber(ARGV[8]) do
              redis.call('HDEL', key, 's:' .. live[i][2], 'c:' .. live[i][2])
            end
            redis.call('HSET', key, 'm', ARGV[6], 'n', ARGV[7], 'l', ARGV[4],
              's:' .. ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[4], 'c:' .. ARGV[1], ARGV[5])
            local ttl, ends = redis.call('TTL', key), tonumber(ARGV[3]) + skew
            if ttl < 0 or now + ttl < ends then redis.call('EXPIREAT', key, ends) end
            return 0
            """);

    /** Moves a session from its current token id to a new one; returns the new expiry, or 0 when the session is over. */
    private static final Script ROTATE = Script.of("""
            local key, field, now, skew = KEYS[1], 's:' .. ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[7])
            local v = redis.call('HGET', key, field)
            if not v then return 0 end
            local jti, exp, created = string.match(v, '^(%S+) (%d+) (%d+)$')
            if jti ~= ARGV[2] or tonumber(exp) + skew <= now then return 0 end
            local new_exp = math.min(now + tonumber(ARGV[5]), math.floor(tonumber(created) / 1000) + tonumber(ARGV[6]))
            if new_exp <= now then
              redis.call('HDEL', key, field, 'c:' .. ARGV[1])
              return 0
            end
            redis.call('HSET', key, field, ARGV[3] .. ' ' .. string.format('%d', new_exp) .. ' ' .. created)
            local ttl = redis.call('TTL', key)
            if ttl < 0 or now + ttl < new_exp + skew then redis.call('EXPIREAT', key, new_exp + skew) end
            return new_exp
            """);

    /** Ends one session; returns 1 when it was live. */
    private static final Script END = Script.of("""
            local v = redis.call('HGET', KEYS[1], 's:' .. ARGV[1])
            redis.call('HDEL', KEYS[1], 's:' .. ARGV[1], 'c:' .. ARGV[1])
            if v and tonumber(string.match(v, '^%S+ (%d+)')) + tonumber(ARGV[3]) > tonumber(ARGV[2]) then return 1 end
            return 0
            """);

    /** Counts the user's live sessions; with ARGV[2] = 'end', ends them all. */
    private static final Script LIVE = Script.of("""
            local n, now, skew = 0, tonumber(ARGV[1]), tonumber(ARGV[3])
            local fields = redis.call('HGETALL', KEYS[1])
            for i = 1, #fields, 2 do
              if string.sub(fields[i], 1, 2) == 's:' and tonumber(string.match(fields[i + 1], '^%S+ (%d+)')) + skew > now then
                n = n + 1
              end
            end
            if ARGV[2] == 'end' then redis.call('DEL', KEYS[1]) end
            return n
            """);

    @Inject
    Redis redis;

    /** Read at each login: an operator's change applies from the next one. */
    Setting maxSessions;

    @PostConstruct
    void init() {
        maxSessions = Setting.number("AUTH_MAX_SESSIONS", 5);
    }

    /** 128 bits from a CSPRNG, base64url: for session ids and token ids. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Opens a session whose first token expires at {@code expiresAt}; the profile's
     * {@code lastLoginAt} is the time of this login.
     */
    void open(long userId, Profile profile, String sessionId, String jti, long expiresAt, ClientInfo client) {
        long loggedIn = profile.lastLoginAt().toEpochMilli();
        redis.eval(
                OPEN,
                ScriptOutputType.INTEGER,
                new String[] {key(userId)},
                sessionId,
                jti,
                Long.toString(expiresAt),
                Long.toString(loggedIn),
                Objects.toString(client.ip(), "") + " " + Objects.toString(client.userAgent(), ""),
                profile.mobile(),
                profile.nickname(),
                Long.toString(Math.max(1, maxSessions.get())),
                Long.toString(loggedIn / 1000),
                SKEW);
    }

    /**
     * Moves a session from its current token id to a new one, atomically, so that of concurrent
     * refreshes of one token exactly one wins. Returns the new token's expiry, capped by the
     * session's absolute end, or empty when the token was not the session's current one.
     */
    OptionalLong rotate(
            long userId, String sessionId, String currentJti, String newJti, long now, long ttl, long lifetime) {
        Long exp = redis.eval(
                ROTATE,
                ScriptOutputType.INTEGER,
                new String[] {key(userId)},
                sessionId,
                currentJti,
                newJti,
                Long.toString(now),
                Long.toString(ttl),
                Long.toString(lifetime),
                SKEW);
        return exp == null || exp == 0 ? OptionalLong.empty() : OptionalLong.of(exp);
    }

    /**
     * The per-request check: the token id must be its session's current one. Returns the user's
     * profile. One read of one key, which the near cache usually answers from memory.
     */
    Profile requireCurrent(long userId, String sessionId, String jti) {
        String key = key(userId);
        Held held = redis.cached(key, commands -> parse(commands.hgetall(key)), h -> h.isCurrent(sessionId, jti));
        if (!held.isCurrent(sessionId, jti)) {
            throw new ApiException(ErrorCode.TOKEN_REVOKED, "The session of this token has ended.");
        }
        return held.profile();
    }

    boolean end(long userId, String sessionId) {
        Long ended =
                redis.eval(END, ScriptOutputType.INTEGER, new String[] {key(userId)}, sessionId, nowSeconds(), SKEW);
        return ended != null && ended > 0;
    }

    /** Ends every session of the user; returns how many were live. */
    long endAll(long userId) {
        Long ended = redis.eval(LIVE, ScriptOutputType.INTEGER, new String[] {key(userId)}, nowSeconds(), "end", SKEW);
        return ended == null ? 0 : ended;
    }

    /** The user's live sessions, newest first. */
    List<SessionInfo> list(long userId) {
        Map<String, String> fields = redis.sync().hgetall(key(userId));
        List<SessionInfo> sessions = new ArrayList<>();
        parse(fields).sessions().forEach((sessionId, current) -> {
            if (current.isLive()) {
                String[] client = fields.getOrDefault("c:" + sessionId, " ").split(" ", 2);
                sessions.add(new SessionInfo(
                        sessionId,
                        current.createdAt(),
                        blankToNull(client.length > 1 ? client[1] : ""),
                        blankToNull(client[0])));
            }
        });
        sessions.sort(Comparator.comparing(SessionInfo::createdAt)
                .thenComparing(SessionInfo::sessionId)
                .reversed());
        return sessions;
    }

    /** Live sessions of all users: a scan of every user's hash, for the operator's gauge. */
    long countLive() {
        long count = 0;
        redis.sync().scriptLoad(LIVE.body());
        ScanArgs match = ScanArgs.Builder.matches(PREFIX + "*").limit(1000);
        KeyScanCursor<String> cursor = redis.sync().scan(match);
        while (true) {
            List<RedisFuture<Long>> counts = new ArrayList<>();
            for (String key : cursor.getKeys()) {
                counts.add(redis.async()
                        .evalsha(
                                LIVE.sha(), ScriptOutputType.INTEGER, new String[] {key}, nowSeconds(), "count", SKEW));
            }
            for (RedisFuture<Long> c : counts) {
                count += redis.await(c);
            }
            if (cursor.isFinished()) {
                return count;
            }
            cursor = redis.sync().scan(ScanCursor.of(cursor.getCursor()), match);
        }
    }

    static Held parse(Map<String, String> fields) {
        Map<String, Current> sessions = new HashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("s:")) {
                Current.parse(value).ifPresent(current -> sessions.put(field.substring(2), current));
            }
        });
        String mobile = fields.get("m");
        String lastLogin = fields.get("l");
        Profile profile = mobile == null || lastLogin == null
                ? null
                : new Profile(
                        mobile, fields.getOrDefault("n", mobile), Instant.ofEpochMilli(Long.parseLong(lastLogin)));
        return new Held(profile, Map.copyOf(sessions));
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String nowSeconds() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String key(long userId) {
        return PREFIX + userId;
    }
}
