import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers users on a running service and logs each in once, reading each captcha's code from Redis
 * as only a test may; writes one "mobile token" line a user. Used by server-config/payara-server.sh to
 * check a deployment end to end and by bench/run.sh to prepare its users. Runs as a single source
 * file with the WAR's libraries on the class path:
 * {@code java -cp "target/video-auth/WEB-INF/lib/*" server-config/TestUsers.java BASE_URL REDIS_URI COUNT OUT_FILE}
 * (REDIS_URI may be {@code env:NAME}: the URI is then read from that environment variable)
 */
public class TestUsers {

    static final String PASSWORD = "test password 1";

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("arguments: BASE_URL REDIS_URI COUNT OUT_FILE");
        }
        URI base = URI.create(args[0]);
        int count = Integer.parseInt(args[2]);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // env:NAME reads the URI from that environment variable, to keep a password off the command line
        String redisUri = args[1].startsWith("env:") ? System.getenv(args[1].substring(4)) : args[1];
        RedisClient client = RedisClient.create(redisUri);
        List<String> lines = new ArrayList<>();
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            long seed = System.currentTimeMillis() % 100_000_000L;
            for (int i = 0; i < count; i++) {
                String mobile = "15" + String.format("%09d", (seed * 1000 + i) % 1_000_000_000L);
                String captcha = field(send(http, base, "GET", "api/passport/captcha", null), "captchaId");
                String code = redis.sync().get("captcha:" + captcha);
                String body = "{\"mobile\":\"" + mobile + "\",\"password\":\"" + PASSWORD + "\",\"captchaId\":\""
                        + captcha + "\",\"captchaCode\":\"" + code + "\"}";
                send(http, base, "POST", "api/passport/register", body);
                String token = field(
                        send(
                                http,
                                base,
                                "POST",
                                "api/passport/login",
                                "{\"mobile\":\"" + mobile + "\",\"password\":\"" + PASSWORD + "\"}"),
                        "token");
                lines.add(mobile + " " + token);
            }
        } finally {
            client.shutdown();
        }
        Files.write(Path.of(args[3]), lines);
    }

    static String send(HttpClient http, URI base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** A string field of a flat JSON object: the WAR's libraries hold no JSON parser to lean on (JSON-P comes from the server). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
