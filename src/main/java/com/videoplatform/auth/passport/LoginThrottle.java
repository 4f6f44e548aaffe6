package com.videoplatform.auth.passport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.redis.Redis;
import com.videoplatform.auth.platform.redis.Redis.Script;
import io.lettuce.core.ScriptOutputType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed-login counters in Redis, shared by all nodes: per mobile and per client IP, each in a
 * window opened by its first attempt. An attempt is counted before its password is checked
 * ({@link #reserve}), atomically, so that of any burst of concurrent attempts, on any number of
 * nodes, at most the limit's worth get a password check; a full counter refuses until its window
 * ends. A wrong password leaves its attempt counted; a right one clears the mobile's count and
 * gives the IP its attempt back; an attempt that ended before its password was checked is given
 * back to both ({@link #refund}).
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * Counts one attempt unless the counter is full: {0, seconds left} when full, else {1, 0}. A
     * script, because the test and the increment must be one step for concurrent attempts.
     */
    private static final Script RESERVE = Script.of("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
              local ttl = redis.call('TTL', KEYS[1])
              if ttl < 0 then
                redis.call('EXPIRE', KEYS[1], ARGV[2])
                ttl = tonumber(ARGV[2])
              end
              return {0, ttl}
            end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            return {1, 0}
            """);

    /** Gives one attempt back; a script, because a DECR of a key that has just expired would make one without a window. */
    private static final Script REFUND = Script.of("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
            return 0
            """);

    @Inject
    Redis redis;

    /** Read at each attempt: an operator's change applies to the next one (a window already open keeps its end). */
    Setting maxFailures;

    Setting windowSeconds;

    Setting maxIpFailures;

    /** Client IPs whose client-failure counter this node saw full, until their window ends. */
    private final Cache<String, Instant> blockedClients = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(Expiry.creating((String ip, Instant until) -> Duration.between(Instant.now(), until)))
            .build();

    @PostConstruct
    void validate() {
        // zero would lock every login out, or let the counters expire at once and never lock
        maxFailures = Setting.positive("AUTH_LOGIN_MAX_FAILURES", 5);
        windowSeconds = Setting.positive("AUTH_LOGIN_WINDOW", 900);
        maxIpFailures = Setting.positive("AUTH_IP_MAX_FAILURES", 100);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad limit fails the deployment
    }

    /**
     * Counts an attempt for the mobile (null: none, for a mobile that cannot exist) and the IP, or
     * throws 429 and counts nothing. One script per counter, because the two keys may live on
     * different nodes of a Redis Cluster: the mobile's is taken first and given back when the IP's
     * is full.
     */
    public void reserve(String mobile, String ip) {
        if (mobile != null) {
            take(mobileKey(mobile), maxFailures);
        }
        try {
            take(ipKey(ip), maxIpFailures);
        } catch (ApiException e) {
            if (mobile != null) {
                give(mobileKey(mobile));
            }
            throw e;
        }
    }

    /** An attempt that ended before its password was checked: it does not count. */
    public void refund(String mobile, String ip) {
        if (mobile != null) {
            give(mobileKey(mobile));
        }
        give(ipKey(ip));
    }

    /** The right password: the mobile's count starts again, and the attempt was no failure of the IP. */
    public void succeeded(String mobile, String ip) {
        redis.sync().del(mobileKey(mobile));
        give(ipKey(ip));
    }

    /**
     * A failed client authentication (introspection), counted against the client IP with the
     * per-IP limit; 429 once the count is full, and this node then refuses that IP's clients
     * ({@link #requireClientAllowed}) until the window ends. A client that authenticates costs no
     * Redis command: other services introspect on their hot path. Each node learns of a full
     * counter at the first failure it sees, so a guesser gets at most one more check per node.
     */
    public void clientFailed(String ip) {
        try {
            take(clientKey(ip), maxIpFailures);
        } catch (ApiException full) {
            long seconds = full.retryAfterSeconds().orElse(windowSeconds.get());
            blockedClients.put(ip, Instant.now().plusSeconds(seconds));
            throw full;
        }
    }

    /** 429 while this node knows the IP's client-failure counter to be full. */
    public void requireClientAllowed(String ip) {
        Instant until = blockedClients.getIfPresent(ip);
        long seconds =
                until == null ? 0 : Duration.between(Instant.now(), until).toSeconds();
        if (seconds > 0) {
            throw ApiException.tooManyAttempts(seconds);
        }
    }

    private void take(String key, Setting max) {
        List<Long> result = redis.eval(
                RESERVE,
                ScriptOutputType.MULTI,
                new String[] {key},
                Long.toString(max.get()),
                Long.toString(windowSeconds.get()));
        if (result.get(0) == 0) {
            throw ApiException.tooManyAttempts(result.get(1));
        }
    }

    private void give(String key) {
        redis.eval(REFUND, ScriptOutputType.INTEGER, new String[] {key});
    }

    private static String mobileKey(String mobile) {
        return "throttle:login:mobile:" + mobile;
    }

    private static String clientKey(String ip) {
        return "throttle:client:ip:" + ip;
    }

    private static String ipKey(String ip) {
        return "throttle:login:ip:" + ip;
    }
}
