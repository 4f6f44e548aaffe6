package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The passport flows the integration tests build on, driven over HTTP like any client; the
 * captcha is solved by reading its code from the service's Redis, as only a test may.
 */
public final class Passport implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";

    public final HttpApi http;
    private final AbstractRedisClient redisClient;
    private final StatefulConnection<String, String> redisConnection;
    private final RedisClusterCommands<String, String> redis;

    /** For the Payara Micro of the Arquillian tests, whose Redis the build configured. */
    public Passport(URI base) {
        this(
                base,
                System.getProperty("it.redis.uri", "").isBlank()
                        ? embeddedRedisUri(
                                Path.of(System.getProperty("it.data.dir")),
                                Integer.parseInt(System.getProperty("it.redis.port")))
                        : System.getProperty("it.redis.uri"));
    }

    /** The embedded Redis on {@code port} of a service whose DATA_DIR is {@code dataDir}, with the password kept there. */
    public static String embeddedRedisUri(Path dataDir, int port) {
        return "redis://:" + embeddedRedisPassword(dataDir) + "@127.0.0.1:" + port;
    }

    public static String embeddedRedisPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("redis/password")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code redisUri} as the service takes it: one URI, or a comma list of cluster nodes. */
    public Passport(URI base, String redisUri) {
        this.http = new HttpApi(base);
        if (redisUri.contains(",")) {
            RedisClusterClient cluster = RedisClusterClient.create(java.util.Arrays.stream(redisUri.split(","))
                    .map(String::trim)
                    .map(RedisURI::create)
                    .toList());
            StatefulRedisClusterConnection<String, String> connection = cluster.connect();
            this.redisClient = cluster;
            this.redisConnection = connection;
            this.redis = connection.sync();
        } else {
            RedisClient single = RedisClient.create(redisUri);
            var connection = single.connect();
            this.redisClient = single;
            this.redisConnection = connection;
            this.redis = connection.sync();
        }
    }

    public RedisClusterCommands<String, String> redis() {
        return redis;
    }

    /** A mobile no other test (nor an earlier run on the same database) has used. */
    public static String newMobile() {
        return "13" + (1 + ThreadLocalRandom.current().nextInt(9))
                + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A client address of a test's own (in 10.0.0.0/8), for a server that believes X-Forwarded-For from loopback. */
    public static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public static String json(Object... namesAndValues) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == null) {
                json.addNull(name);
            } else if (value instanceof Boolean b) {
                json.add(name, b);
            } else if (value instanceof Number n) {
                json.add(name, n.longValue());
            } else {
                json.add(name, value.toString());
            }
        }
        return json.build().toString();
    }

    /** A fresh captcha: its id and its code as stored in Redis. */
    public String[] captcha() {
        HttpApi.Reply reply = http.get("api/passport/captcha");
        assertEquals(200, reply.status(), reply::toString);
        String id = reply.json().getString("captchaId");
        String code = redis().get("captcha:" + id);
        assertNotNull(code, "captcha code in Redis");
        return new String[] {id, code};
    }

    public HttpApi.Reply tryRegister(String mobile, String password, String nickname) {
        String[] captcha = captcha();
        return http.post(
                "api/passport/register",
                json(
                        "mobile",
                        mobile,
                        "password",
                        password,
                        "captchaId",
                        captcha[0],
                        "captchaCode",
                        captcha[1],
                        "nickname",
                        nickname));
    }

    public long register(String mobile) {
        HttpApi.Reply reply = http.post("api/passport/register", registerBody(mobile, PASSWORD));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getJsonNumber("userId").longValue();
    }

    /** A register body with a fresh captcha, solved. */
    public String registerBody(String mobile, String password) {
        String[] captcha = captcha();
        return registerBody(mobile, password, captcha[0], captcha[1]);
    }

    public static String registerBody(String mobile, String password, String captchaId, String captchaCode) {
        return json("mobile", mobile, "password", password, "captchaId", captchaId, "captchaCode", captchaCode);
    }

    public HttpApi.Reply tryLogin(String mobile, String password, String... headers) {
        return http.post("api/passport/login", json("mobile", mobile, "password", password), headers);
    }

    /** Logs in and returns the login reply's body. */
    public JsonObject login(String mobile) {
        HttpApi.Reply reply = tryLogin(mobile, PASSWORD);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    public String token(String mobile) {
        return login(mobile).getString("token");
    }

    /** A registered user's mobile. */
    public String newUser() {
        String mobile = newMobile();
        register(mobile);
        return mobile;
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Override
    public void close() {
        redisConnection.close();
        redisClient.shutdown();
    }
}
