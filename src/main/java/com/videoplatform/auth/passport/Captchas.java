package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.redis.Redis;
import com.videoplatform.auth.platform.redis.Redis.Script;
import io.lettuce.core.ScriptOutputType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Image captchas: the code lives in Redis under {@code captcha:<id>} for {@code CAPTCHA_TTL}
 * seconds and is deleted by the first attempt to use it, right or wrong.
 */
@ApplicationScoped
public class Captchas {

    public record Issued(String captchaId, String image, long expiresIn) {}

    static final int CODE_LENGTH = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Redis redis;

    /** Counts one captcha in the minute its client's first one opened: {count, seconds left}. One script, so it is atomic. */
    private static final Script HIT = Script.of("""
            local n = redis.call('INCR', KEYS[1])
            local ttl = redis.call('TTL', KEYS[1])
            if ttl < 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {n, ttl}
            """);

    @Inject
    ClientInfo client;

    /** Read at each captcha: an operator's change applies to the next one. */
    Setting ttl;

    Setting perMinute;

    @PostConstruct
    void validate() {
        ttl = Setting.positive("CAPTCHA_TTL", 300);
        perMinute = Setting.positive("CAPTCHA_PER_MINUTE", 120);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad setting fails the deployment, not the first captcha
    }

    public Issued create() {
        List<Long> count =
                redis.eval(HIT, ScriptOutputType.MULTI, new String[] {"throttle:captcha:" + client.ip()}, "60");
        if (count.get(0) > perMinute.get()) {
            throw ApiException.tooManyAttempts(count.get(1));
        }
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String code = CaptchaImage.randomCode(RANDOM, CODE_LENGTH);
        long seconds = ttl.get();
        redis.sync().setex(key(id), seconds, code);
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(CaptchaImage.png(code, RANDOM));
        return new Issued(id, image, seconds);
    }

    /** Uses up the captcha {@code id}; true when {@code code} was its code (in any letter case). */
    public boolean consume(String id, String code) {
        if (id.length() > 64) {
            return false;
        }
        String expected = redis.sync().getdel(key(id));
        if (expected == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(fold(expected), fold(code));
    }

    private static byte[] fold(String code) {
        return code.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    private static String key(String id) {
        return "captcha:" + id;
    }
}
