package com.videoplatform.auth.passport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.redis.RealRedis;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The throttle's counters against a real redis-server, with real concurrency. */
class LoginThrottleTest {

    @RegisterExtension
    static final RealRedis server = new RealRedis();

    LoginThrottle throttle;
    RedisClusterCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        throttle = new LoginThrottle();
        throttle.redis = server.redis();
        throttle.maxFailures = Setting.fixed(5);
        throttle.maxIpFailures = Setting.fixed(100);
        throttle.windowSeconds = Setting.fixed(900);
        redis = server.redis().sync();
        redis.flushall();
    }

    /** Runs the reservations all at once and returns how many were let through; every refusal is a 429 with a wait. */
    private int reserveAtOnce(int attempts, IntFunction<String> mobile, IntFunction<String> ip) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                Callable<Boolean> attempt = () -> {
                    go.await();
                    try {
                        throttle.reserve(mobile.apply(n), ip.apply(n));
                        return true;
                    } catch (ApiException e) {
                        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, e.code());
                        assertTrue(e.retryAfterSeconds().orElseThrow() > 0);
                        return false;
                    }
                };
                results.add(threads.submit(attempt));
            }
            go.countDown();
            int reserved = 0;
            for (Future<Boolean> result : results) {
                reserved += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return reserved;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ofConcurrentAttemptsForOneMobileAtMostTheLimitGetThrough() throws Exception {
        assertEquals(5, reserveAtOnce(40, i -> "13800000000", i -> "10.0.0." + i));
        assertEquals("5", redis.get("throttle:login:mobile:13800000000"));
    }

    @Test
    void ofConcurrentAttemptsFromOneIpAtMostTheLimitGetThrough() throws Exception {
        assertEquals(100, reserveAtOnce(150, i -> String.valueOf(13800000000L + i), i -> "10.0.0.1"));
        assertEquals("100", redis.get("throttle:login:ip:10.0.0.1"));
    }

    @Test
    void aRefusalByTheIpCountsNothingForTheMobile() {
        redis.setex("throttle:login:ip:10.0.0.1", 900, "100");
        assertThrows(ApiException.class, () -> throttle.reserve("13800000000", "10.0.0.1"));
        assertEquals("0", redis.get("throttle:login:mobile:13800000000"));
        assertEquals("100", redis.get("throttle:login:ip:10.0.0.1"));
    }

    @Test
    void aFullCounterRefusesUntilItsWindowEndsWithoutExtendingIt() {
        redis.setex("throttle:login:mobile:13800000000", 600, "5");
        ApiException refused = assertThrows(ApiException.class, () -> throttle.reserve("13800000000", "10.0.0.1"));
        assertEquals(600, refused.retryAfterSeconds().orElseThrow(), 2);
        assertEquals(600, redis.ttl("throttle:login:mobile:13800000000"), 2);
        assertNull(redis.get("throttle:login:ip:10.0.0.1"), "a refused attempt counts for nobody");
    }

    @Test
    void successClearsTheMobileAndGivesTheIpItsAttemptBack() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve("13800000000", "10.0.0.1");
        }
        throttle.succeeded("13800000000", "10.0.0.1");
        assertNull(redis.get("throttle:login:mobile:13800000000"));
        assertEquals("2", redis.get("throttle:login:ip:10.0.0.1"));
    }

    @Test
    void aRefundGivesBackAndNeverMakesACounter() {
        throttle.reserve("13800000000", "10.0.0.1");
        throttle.refund("13800000000", "10.0.0.1");
        assertEquals("0", redis.get("throttle:login:mobile:13800000000"));
        redis.del("throttle:login:mobile:13800000000", "throttle:login:ip:10.0.0.1");
        throttle.refund("13800000000", "10.0.0.1");
        assertEquals(0, redis.exists("throttle:login:mobile:13800000000", "throttle:login:ip:10.0.0.1"));
    }

    @Test
    void withoutAMobileOnlyTheIpCounts() {
        throttle.reserve(null, "10.0.0.1");
        assertEquals("1", redis.get("throttle:login:ip:10.0.0.1"));
        assertEquals(List.of("throttle:login:ip:10.0.0.1"), redis.keys("throttle:*"));
    }
}
