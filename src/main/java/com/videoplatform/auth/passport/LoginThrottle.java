package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.Redis;
import io.lettuce.core.RedisFuture;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    @PostConstruct
    void validate() {
        // zero would lock every login out, or let the counters expire at once and never lock
        InvalidSetting.positive("AUTH_LOGIN_MAX_FAILURES", maxFailures);
        InvalidSetting.positive("AUTH_LOGIN_WINDOW", windowSeconds);
        InvalidSetting.positive("AUTH_IP_MAX_FAILURES", maxIpFailures);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad limit fails the deployment
    }

    /** Throws 429 when the mobile or the IP has used up its failures; both counters in one round trip. */
    public void check(String mobile, String ip) {
        RedisFuture<String> byMobile = redis.async().get(mobileKey(mobile));
        RedisFuture<String> byIp = redis.async().get(ipKey(ip));
        refuseIfFull(mobileKey(mobile), redis.await(byMobile), maxFailures);
        refuseIfFull(ipKey(ip), redis.await(byIp), maxIpFailures);
    }

    public void failed(String mobile, String ip) {
        redis.hit(mobileKey(mobile), windowSeconds);
        redis.hit(ipKey(ip), windowSeconds);
    }

    public void succeeded(String mobile) {
        redis.sync().del(mobileKey(mobile));
    }

    private void refuseIfFull(String key, String count, long max) {
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
