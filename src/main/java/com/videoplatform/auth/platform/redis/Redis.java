package com.videoplatform.auth.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.resolver.DefaultAddressResolverGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The application's Redis connection (Lettuce connections are thread-safe and pipeline concurrent
 * commands), and beside it, when switched on and not on a cluster, the {@link NearCache} for the
 * per-request reads.
 * {@code REDIS_URI} names a standalone server, a Sentinel set or, as a comma list, the nodes of a
 * cluster; unset, the bundled embedded Redis is started. Commands time out fast and are refused
 * while disconnected, so a dead Redis gives a quick 503, never a hung thread. Lettuce reports the
 * time of every command, from sent to completed, which becomes the {@code auth_redis_command_duration}
 * timer of {@code /metrics}, one per command type.
 */
@ApplicationScoped
public class Redis {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Metadata COMMAND_DURATION = Metadata.builder()
            .withName("auth_redis_command_duration")
            .withDescription("Time a Redis command takes, from sent to its reply, by command")
            .withUnit(MetricUnits.SECONDS)
            .build();

    /** A Lua script and its SHA-1, run with EVALSHA and loaded on demand. */
    public record Script(String body, String sha) {
        public static Script of(String body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
                return new Script(body, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    @ConfigProperty(name = "REDIS_URI")
    Optional<String> uri;

    /**
     * Keys the near cache may keep; 0, the default, leaves it off, so that every check asks Redis.
     * docs/design.md ("The near cache") says what it buys and what it gives up.
     */
    @Inject
    @ConfigProperty(name = "REDIS_NEAR_CACHE_SIZE", defaultValue = "0")
    int nearCacheSize;

    @Inject
    EmbeddedRedis embedded;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final Map<ProtocolKeyword, Timer> commandTimers = new ConcurrentHashMap<>();

    private ClientResources resources;
    private RedisClient client;
    private RedisClusterClient clusterClient;
    private StatefulConnection<String, String> connection;
    private RedisClusterCommands<String, String> sync;
    private RedisClusterAsyncCommands<String, String> async;
    private Optional<NearCache> nearCache = Optional.empty();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sync(); // connect at deployment, not at the first request
    }

    private synchronized void connect() {
        if (sync != null) {
            return;
        }
        // reconnect within two seconds of Redis coming back, instead of Lettuce's default of up to 30;
        // resolve names with the JDK, because netty's DNS resolver keeps a UDP port open on every interface
        DefaultClientResources.Builder builder = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .addressResolverGroup(DefaultAddressResolverGroup.INSTANCE);
        if (registry != null) { // null only where a unit test makes this bean without a container
            builder.commandLatencyRecorder(this::recordLatency);
        }
        resources = builder.build();
        String target = uri.filter(s -> !s.isBlank()).orElseGet(embedded::start);
        if (target.contains(",")) {
            List<RedisURI> nodes = Arrays.stream(target.split(","))
                    .map(String::trim)
                    .map(Redis::parse)
                    .toList();
            clusterClient = RedisClusterClient.create(resources, nodes);
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .socketOptions(SocketOptions.builder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .build())
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            StatefulRedisClusterConnection<String, String> c = clusterClient.connect();
            connection = c;
            sync = c.sync();
            async = c.async();
        } else {
            ClientOptions options = ClientOptions.builder()
                    .socketOptions(SocketOptions.builder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .build())
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build();
            client = RedisClient.create(resources);
            client.setOptions(options);
            StatefulRedisConnection<String, String> c = client.connect(parse(target));
            connection = c;
            sync = c.sync();
            async = c.async();
            if (nearCacheSize > 0) {
                nearCache = NearCache.open(resources, options, parse(target), nearCacheSize);
            }
        }
        LOG.info(() -> "Connected to Redis at "
                + parse(target.split(",")[0].trim()).toString().replaceAll("//[^@]*@", "//***@"));
    }

    /** Lettuce's report of a command: its time from sent to completed, in nanoseconds. */
    private void recordLatency(
            SocketAddress local, SocketAddress remote, ProtocolKeyword command, long firstResponse, long completion) {
        commandTimers
                .computeIfAbsent(command, c -> registry.timer(COMMAND_DURATION, new Tag("command", c.toString())))
                .update(Duration.ofNanos(completion));
    }

    private static RedisURI parse(String value) {
        RedisURI parsed = RedisURI.create(value);
        parsed.setTimeout(COMMAND_TIMEOUT);
        return parsed;
    }

    public RedisClusterCommands<String, String> sync() {
        if (sync == null) {
            connect();
        }
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        sync();
        return async;
    }

    /**
     * What {@code load} reads of {@code key}: from the near cache while Redis vouches for it and
     * {@code accept} takes it, else read from Redis. A value from memory that {@code accept}
     * refuses is read again, because memory may not have heard of a change yet; a value from Redis
     * is final. {@code load} must read nothing but {@code key} and must not return null.
     */
    public <T> T cached(String key, Function<RedisClusterCommands<String, String>, T> load, Predicate<T> accept) {
        sync();
        return nearCache.isPresent() ? nearCache.get().get(key, load, accept) : load.apply(sync);
    }

    /** The result of an asynchronous command, waited for as long as a synchronous one would be. */
    public <T> T await(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a script on {@code keys}. What the near cache holds of them is dropped afterwards, so
     * that this node's next read sees the change without waiting for Redis's invalidation.
     */
    @SuppressWarnings("unchecked")
    public <T> T eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        try {
            return (T) sync().evalsha(script.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            return (T) sync().eval(script.body(), type, keys, args);
        } finally {
            nearCache.ifPresent(cache -> Arrays.stream(keys).forEach(cache::evict));
        }
    }

    @PreDestroy
    synchronized void stop() {
        nearCache.ifPresent(NearCache::close);
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (clusterClient != null) {
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources.shutdown();
        }
        embedded.stop();
    }
}
