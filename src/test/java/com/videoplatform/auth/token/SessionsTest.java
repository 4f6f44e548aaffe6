package com.videoplatform.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.redis.RealRedis;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions against a real redis-server: a session ends by the expiry rule of its token, clock skew included. */
class SessionsTest {

    static final ClientInfo CLIENT = new ClientInfo("10.0.0.1", "test", false);
    static final int SKEW = TokenCodec.CLOCK_SKEW_SECONDS;

    @RegisterExtension
    static final RealRedis server = new RealRedis();

    Sessions sessions;
    long now;

    @BeforeEach
    void setUp() {
        sessions = new Sessions();
        sessions.redis = server.redis();
        sessions.maxSessions = Setting.fixed(5);
        server.redis().sync().flushall();
        now = Instant.now().getEpochSecond();
    }

    private void open(String sessionId, long expiresAt) {
        sessions.open(
                7, new Profile("13800000000", "n", Instant.now()), sessionId, "jti-" + sessionId, expiresAt, CLIENT);
    }

    @Test
    void withinTheSkewAfterExpTheSessionIsLive() {
        open("s", now - SKEW + 10);
        sessions.requireCurrent(7, "s", "jti-s");
        assertEquals(
                List.of("s"),
                sessions.list(7).stream().map(SessionInfo::sessionId).toList());
        assertTrue(
                sessions.rotate(7, "s", "jti-s", "jti-2", now, 600, 86_400).isPresent(), "a refresh within the skew");
        sessions.requireCurrent(7, "s", "jti-2");
    }

    @Test
    void beyondTheSkewTheSessionHasEnded() {
        open("s", now - SKEW - 1);
        ApiException e = assertThrows(ApiException.class, () -> sessions.requireCurrent(7, "s", "jti-s"));
        assertEquals(ErrorCode.TOKEN_REVOKED, e.code());
        assertEquals(List.of(), sessions.list(7));
        assertFalse(sessions.rotate(7, "s", "jti-s", "jti-2", now, 600, 86_400).isPresent());
        assertFalse(sessions.end(7, "s"));
    }

    @Test
    void endAndEndAllCountASessionWithinTheSkewAsLive() {
        open("a", now - SKEW + 10);
        open("b", now - SKEW + 10);
        open("gone", now - SKEW - 1);
        assertTrue(sessions.end(7, "a"));
        assertEquals(1, sessions.endAll(7));
    }

    @Test
    void aLoginDropsOnlySessionsBeyondTheSkew() {
        open("within", now - SKEW + 10);
        open("beyond", now - SKEW - 1);
        open("new", now + 600);
        Set<String> fields = server.redis().sync().hkeys("sess:7").stream()
                .filter(f -> f.startsWith("s:"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("s:within", "s:new"), fields);
    }

    @Test
    void theKeyOutlivesItsLongestTokenByTheSkew() {
        open("s", now + 100);
        assertEquals(100 + SKEW, server.redis().sync().ttl("sess:7"), 2);
        sessions.rotate(7, "s", "jti-s", "jti-2", now, 200, 86_400);
        assertEquals(200 + SKEW, server.redis().sync().ttl("sess:7"), 2);
    }
}
