package com.videoplatform.auth.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The near cache against a real redis-server (the bundled one): what it serves, and when it stops trusting itself. */
class NearCacheTest {

    /** Started before, and stopped after, the class's own set-up and tear-down. */
    @RegisterExtension
    static final RealRedis server = new RealRedis();

    static RedisURI uri;
    static ClientResources resources;
    static RedisClient writerClient;
    static StatefulRedisConnection<String, String> writerConnection;
    static RedisCommands<String, String> writer;

    NearCache cache;
    final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void startRedis() throws Exception {
        uri = RedisURI.create(server.uri());
        resources = DefaultClientResources.create();
        writerClient = RedisClient.create(resources, uri);
        writerConnection = writerClient.connect();
        writer = writerConnection.sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        writerConnection.close();
        writerClient.shutdown();
        resources.shutdown();
    }

    @BeforeEach
    void open() {
        writer.flushall();
        ClientOptions options = ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build();
        cache = NearCache.open(resources, options, uri, 1000).orElseThrow();
        waitFor(cache::trusted, "tracking to be switched on");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private String read(String key) {
        return cache.get(
                key,
                commands -> {
                    loads.incrementAndGet();
                    return String.valueOf(commands.get(key));
                },
                value -> true);
    }

    @Test
    void aValueReadOnceIsServedFromMemory() {
        writer.set("k", "v1");
        assertEquals("v1", read("k"));
        assertEquals("v1", read("k"));
        assertEquals("v1", read("k"));
        assertEquals(1, loads.get());
    }

    @Test
    void aChangeByAnyClientReachesTheCacheAtOnce() {
        writer.set("k", "v1");
        read("k");
        writer.set("k", "v2");
        waitFor(() -> cache.size() == 0, "the invalidation");
        assertEquals("v2", read("k"));
        writer.del("k");
        waitFor(() -> cache.size() == 0, "the invalidation");
        assertEquals("null", read("k"));
        assertEquals(3, loads.get());
    }

    @Test
    void aValueFromMemoryThatTheCallerRefusesIsReadAgain() {
        writer.set("k", "v1");
        read("k");
        String seen = cache.get(
                "k",
                commands -> {
                    loads.incrementAndGet();
                    return String.valueOf(commands.get("k"));
                },
                value -> !value.equals("v1"));
        assertEquals("v1", seen);
        assertEquals(2, loads.get());
    }

    @Test
    void aMissingKeyIsTrackedToo() {
        assertEquals("null", read("absent"));
        writer.set("absent", "now here");
        waitFor(() -> cache.size() == 0, "the invalidation");
        assertEquals("now here", read("absent"));
    }

    @Test
    void aValueChangedWhileItWasBeingReadIsNotKept() {
        writer.set("k", "old");
        long before = cache.epoch();
        String seen = cache.get(
                "k",
                commands -> {
                    String value = commands.get("k");
                    writer.set("k", "new"); // changed after our read, before we could keep it
                    waitFor(() -> cache.epoch() > before, "the invalidation");
                    return value;
                },
                v -> true);
        assertEquals("old", seen);
        assertEquals(0, cache.size());
        assertEquals("new", read("k"));
    }

    @Test
    void aFlushEmptiesTheCache() {
        writer.set("a", "1");
        writer.set("b", "2");
        read("a");
        read("b");
        assertEquals(2, cache.size());
        writer.flushall();
        waitFor(() -> cache.size() == 0, "the flush invalidation");
    }

    @Test
    void aLostConnectionForgetsEverythingAndTrackingComesBack() {
        writer.set("k", "v1");
        read("k");
        writer.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());
        waitFor(() -> cache.size() == 0 && !cache.trusted(), "the cache to forget");
        waitFor(cache::trusted, "tracking to be switched on again");
        writer.set("k", "v2");
        assertEquals("v2", read("k"));
        writer.set("k", "v3");
        waitFor(() -> cache.size() == 0, "the invalidation on the new connection");
        assertEquals("v3", read("k"));
    }

    @Test
    void unansweredHeartbeatsEndTheLease() {
        writer.set("k", "v1");
        read("k");
        writer.clientPause(2_500); // Redis stops answering everyone for a while, but keeps the connections
        waitFor(() -> !cache.trusted(), "the lease to run out");
        assertEquals(1, cache.size());
        waitFor(cache::trusted, "the lease to be renewed");
    }

    @Test
    void theNumberOfKeysIsBounded() {
        for (int i = 0; i < 1500; i++) {
            read("key" + i);
        }
        assertTrue(cache.size() <= 1000, () -> "size " + cache.size());
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
