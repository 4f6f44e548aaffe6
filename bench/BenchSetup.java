import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what wrk cannot: fills Redis with sessions shaped exactly like the service's own and
 * reports the memory they take. Run by bench/run.sh with the WAR's libraries on the class path, after
 * server-config/TestUsers.java has logged users in.
 */
public class BenchSetup {

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("sessions")) {
            throw new IllegalArgumentException("arguments: sessions REDIS_URI COUNT BROWSER_COUNT");
        }
        sessions(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /**
     * Copies one real user's hash (one session) {@code count} times under new users, so every copy
     * pays for its own key, and prints the memory figures; then {@code browserCount} more with the
     * user agent of a desktop browser, which is longer.
     */
    static void sessions(String redisUri, int count, int browserCount) throws Exception {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            String sample = null;
            for (String key :
                    redis.scan(ScanArgs.Builder.matches("sess:*").limit(10_000)).getKeys()) {
                if (redis.hkeys(key).stream().filter(f -> f.startsWith("s:")).count() == 1) {
                    sample = key;
                    break;
                }
            }
            if (sample == null) {
                throw new IllegalStateException("no user with one session to copy: log in first");
            }
            Map<String, String> fields = redis.hgetall(sample);
            long ttl = redis.ttl(sample);
            String client0 = fields.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("c:"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            String browser =
                    client0.split(" ", 2)[0] + " Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                            + " Chrome/131.0.0.0 Safari/537.36";
            System.out.printf("MEMORY_USAGE_USER_KEY %d%n", redis.memoryUsage(sample));
            System.out.printf(
                    "SESSION_FIELDS %s%n",
                    String.join(
                            ",",
                            fields.keySet().stream()
                                    .map(f -> f.replaceAll(":.*", ":<sid>"))
                                    .toList()));
            System.out.printf("SESSIONS %d (and %d with a browser's user agent)%n", count, browserCount);
            System.out.printf("BYTES_PER_SESSION %d%n", copies(connection, fields, ttl, count, 900_000_000L, client0));
            System.out.printf(
                    "BYTES_PER_SESSION_BROWSER_AGENT %d%n",
                    copies(connection, fields, ttl, browserCount, 950_000_000L, browser));
        } finally {
            client.shutdown();
        }
    }

    /** Writes {@code count} users with one session each, shaped like {@code fields}; returns the memory each took. */
    static long copies(
            StatefulRedisConnection<String, String> connection,
            Map<String, String> fields,
            long ttl,
            int count,
            long firstUser,
            String clientValue)
            throws Exception {
        RedisCommands<String, String> redis = connection.sync();
        long before = usedMemory(redis);
        RedisAsyncCommands<String, String> async = connection.async();
        connection.setAutoFlushCommands(false);
        SecureRandom random = new SecureRandom();
        List<RedisFuture<?>> pending = new ArrayList<>();
        long expireAt = System.currentTimeMillis() / 1000 + ttl;
        String token = fields.entrySet().stream()
                .filter(e -> e.getKey().startsWith("s:"))
                .findFirst()
                .orElseThrow()
                .getValue();
        String rest = token.substring(token.indexOf(' '));
        for (int i = 0; i < count; i++) {
            String key = "sess:" + (firstUser + i);
            String sid = id(random);
            Map<String, String> copy = new java.util.LinkedHashMap<>();
            copy.put("m", fields.get("m"));
            copy.put("n", fields.get("n"));
            copy.put("l", fields.get("l"));
            copy.put("s:" + sid, id(random) + rest);
            copy.put("c:" + sid, clientValue);
            pending.add(async.hset(key, copy));
            pending.add(async.expireat(key, expireAt));
            if (pending.size() >= 4000) {
                connection.flushCommands();
                for (RedisFuture<?> f : pending) {
                    f.get(10, TimeUnit.SECONDS);
                }
                pending.clear();
            }
        }
        connection.flushCommands();
        for (RedisFuture<?> f : pending) {
            f.get(10, TimeUnit.SECONDS);
        }
        connection.setAutoFlushCommands(true);
        if (redis.info("persistence").contains("aof_enabled:1")) {
            try {
                redis.bgrewriteaof(); // as the embedded Redis would soon on its own; awaited by usedMemory
            } catch (RedisCommandExecutionException alreadyRewriting) {
                // Redis started one itself: usedMemory awaits that one
            }
        }
        return (usedMemory(redis) - before) / count;
    }

    /** Redis's memory in use, once no rewrite of its append-only file holds a buffer of the latest writes. */
    static long usedMemory(RedisCommands<String, String> redis) throws InterruptedException {
        awaitQuiet(redis);
        Matcher m = Pattern.compile("used_memory:(\\d+)").matcher(redis.info("memory"));
        m.find();
        return Long.parseLong(m.group(1));
    }

    static String id(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Waits until Redis rewrites no append-only file: the embedded Redis rewrites it after many writes,
     * in a child process whose CPU and rewrite buffer would otherwise count in the figures that follow.
     */
    static void awaitQuiet(RedisCommands<String, String> redis) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String persistence = redis.info("persistence");
            if (!persistence.contains("aof_rewrite_in_progress:1")
                    && !persistence.contains("aof_rewrite_scheduled:1")) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
