package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed-login counters in Redis, shared by all nodes: per mobile and per client IP, each in a
 * window opened by its first failure. A full counter refuses logins until its window ends; a
 * successful login clears the mobile's counter.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    Redis redis;

    @Inject
    @ConfigProperty(name = "AUTH_LOGIN_MAX_FAILURES", defaultValue = "5")
    long maxFailures;

    @Inject
    @ConfigProperty(name = "AUTH_LOGIN_WINDOW", defaultValue = "900")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "AUTH_IP_MAX_FAILURES", defaultValue = "100")
    long maxIpFailures;

    /** Throws 429 when the mobile or the IP has used up its failures. */
    public void check(String mobile, String ip) {
        refuseIfFull(mobileKey(mobile), maxFailures);
        refuseIfFull(ipKey(ip), maxIpFailures);
    }

    public void failed(String mobile, String ip) {
        redis.hit(mobileKey(mobile), windowSeconds);
        redis.hit(ipKey(ip), windowSeconds);
    }

    public void succeeded(String mobile) {
        redis.sync().del(mobileKey(mobile));
    }

    private void refuseIfFull(String key, long max) {
        String count = redis.sync().get(key);
        if (count != null && Long.parseLong(count) >= max) {
            Long ttl = redis.sync().ttl(key);
            throw ApiException.tooManyAttempts(ttl == null || ttl < 1 ? windowSeconds : ttl);
        }
    }

    private static String mobileKey(String mobile) {
        return "throttle:login:mobile:" + mobile;
    }

    private static String ipKey(String ip) {
        return "throttle:login:ip:" + ip;
    }
}
