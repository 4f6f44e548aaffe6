package com.videoplatform.auth.platform.redis;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Values read from Redis keys, kept in memory for as long as Redis vouches for them. This is
 * Redis's server-assisted client-side caching: the reads go over a RESP3 connection with
 * {@code CLIENT TRACKING ON}, so Redis remembers which keys this node read and pushes an
 * invalidation on that connection as soon as any client changes one of them. A value is served
 * from memory only while all of these hold:
 * <ul>
 *   <li>tracking is on for the connection the value was read over (a reconnect clears everything,
 *       because invalidations may have been lost, and tracking is switched on again);</li>
 *   <li>no invalidation arrived while the value was being read (an epoch counter guards the race
 *       between a reply and a push for the same key);</li>
 *   <li>the connection answered a heartbeat sent less than {@link #LEASE} ago. Redis answers on one
 *       connection in order, so that answer proves every invalidation Redis sent before it has been
 *       applied here. A node cut off from Redis without a reset connection therefore stops trusting
 *       its memory within the lease and goes back to asking Redis, which then fails closed.</li>
 * </ul>
 * Without tracking (Redis Cluster, or a server without RESP3), every read goes to Redis.
 *
 * <p>It is off unless {@code REDIS_NEAR_CACHE_SIZE} is set, because it relaxes two guarantees of
 * the default, strictly by the time an invalidation takes to arrive (well under a millisecond on
 * a healthy network, the lease at worst): a revocation on another node is seen when its
 * invalidation arrives rather than at once, and in the first moments of a Redis outage a request
 * with a live session may still be answered from memory instead of with 503. A node's own changes
 * are seen at once ({@link Redis#eval} evicts what it wrote), and a refusal from memory is always
 * confirmed by Redis before it is given.
 */
public final class NearCache implements PushListener, RedisConnectionStateListener {

    static final Duration LEASE = Duration.ofSeconds(1);
    static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(NearCache.class.getName());

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    /** Bounded by Caffeine's size eviction; its maintenance runs on the calling threads, not on a pool of its own. */
    private final ConcurrentMap<String, Object> entries;
    /** Moves on every invalidation and every change of tracking state; a read that saw it move caches nothing. */
    private final AtomicLong epoch = new AtomicLong();

    private final ScheduledFuture<?> heartbeat;
    private volatile boolean tracking;
    /** The Redis client id of the connection tracking was switched on for. */
    private volatile long trackedClientId = -1;
    /** When the last answered heartbeat was sent ({@link System#nanoTime()}). */
    private volatile long confirmedAt = System.nanoTime() - LEASE.toNanos();

    private volatile boolean enabling;

    private NearCache(RedisClient client, RedisURI uri, int maxEntries) {
        this.client = client;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run)
                .<String, Object>build()
                .asMap();
        this.connection = client.connect(StringCodec.UTF8, uri);
        connection.addListener((PushListener) this);
        connection.addListener((RedisConnectionStateListener) this);
        ClientResources resources = client.getResources();
        heartbeat = resources
                .eventExecutorGroup()
                .scheduleAtFixedRate(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A near cache on its own RESP3 connection to the server of {@code uri}; empty when that server
     * cannot track keys (older than Redis 6), in which case reads go to Redis every time.
     */
    static Optional<NearCache> open(ClientResources resources, ClientOptions options, RedisURI uri, int maxEntries) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(
                options.mutate().protocolVersion(ProtocolVersion.RESP3).build());
        try {
            return Optional.of(new NearCache(client, uri, maxEntries));
        } catch (RuntimeException e) {
            LOG.warning(() -> "The near cache is off: Redis cannot track keys for this node (it needs RESP3,"
                    + " Redis 6 or later), so every token check asks Redis ("
                    + e.getClass().getSimpleName() + ")");
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            return Optional.empty();
        }
    }

    /**
     * The value of {@code key} as {@code load} reads it: from memory while Redis vouches for it and
     * {@code accept} takes it, else read from Redis (and kept, if it may be). {@code load} must read
     * only {@code key}, and must not return null.
     */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Function<RedisClusterCommands<String, String>, T> load, Predicate<T> accept) {
        Object cached = entries.get(key);
        if (cached != null && trusted() && accept.test((T) cached)) {
            return (T) cached;
        }
        long seen = epoch.get();
        boolean cacheable = tracking;
        T value = load.apply(connection.sync());
        if (cacheable) {
            // under the map's lock for this key, so an invalidation either moved the epoch before this
            // check or removes the entry after it
            entries.compute(key, (k, old) -> epoch.get() == seen ? value : null);
        }
        return value;
    }

    /** Drops what is kept of {@code key}: this node has just changed it and must not wait for Redis to say so. */
    void evict(String key) {
        epoch.incrementAndGet();
        entries.remove(key);
    }

    boolean trusted() {
        return tracking && System.nanoTime() - confirmedAt < LEASE.toNanos();
    }

    int size() {
        return entries.size();
    }

    long epoch() {
        return epoch.get();
    }

    @Override
    public void onPushMessage(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        epoch.incrementAndGet();
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        if (content.size() < 2 || !(content.get(1) instanceof List<?> keys)) {
            entries.clear(); // a null key list: the server dropped everything (FLUSHALL, or its tracking table was
            // reset)
            return;
        }
        keys.forEach(entries::remove);
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
        if (handler == connection) {
            forget();
        }
    }

    private void forget() {
        tracking = false;
        trackedClientId = -1;
        epoch.incrementAndGet();
        entries.clear();
    }

    /** Switches tracking on when it is off; else proves the connection is still the tracked one and up to date. */
    private void beat() {
        if (!connection.isOpen()) {
            if (tracking) {
                forget();
            }
            return;
        }
        long sent = System.nanoTime();
        if (!tracking) {
            enable(sent);
            return;
        }
        connection.async().clientId().whenComplete((id, failure) -> {
            if (failure != null) {
                return; // the lease runs out by itself
            }
            if (id != trackedClientId) {
                forget(); // a connection we did not switch tracking on for
            } else if (sent - confirmedAt > 0) {
                confirmedAt = sent;
            }
        });
    }

    private void enable(long sent) {
        if (enabling) {
            return;
        }
        enabling = true;
        long seen = epoch.get();
        var async = connection.async();
        var on = async.clientTracking(TrackingArgs.Builder.enabled()).toCompletableFuture();
        on.thenCombine(async.clientId(), (ok, id) -> id).whenComplete((id, failure) -> {
            enabling = false;
            if (failure != null || epoch.get() != seen) {
                return; // tried again at the next beat
            }
            trackedClientId = id;
            confirmedAt = sent;
            epoch.incrementAndGet();
            tracking = true;
        });
    }

    void close() {
        heartbeat.cancel(false);
        forget();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
