package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's zero-configuration defaults really serve: started by the same script the
 * README names, with no database and no Redis configured, a user and a token survive a restart,
 * and Ctrl-C stops the server together with its embedded Redis.
 */
class RunCommandIT {

    private final Path project = Path.of(System.getProperty("project.dir", "."));
    private final Path work = project.resolve("target/run-command-it");

    @Test
    void usersAndTokensSurviveARestartAndCtrlCStopsEverything() throws Exception {
        ServerProcess.deleteRecursively(work);
        int redisPort = ServerProcess.freePort();
        Map<String, String> env = Map.of("DATA_DIR", work.resolve("data").toString(), "LOG_DIR", work.resolve("logs").toString(),
                "REDIS_EMBEDDED_PORT", Integer.toString(redisPort));
        String mobile;
        String token;
        int httpPort;
        try (ServerProcess first = ServerProcess.start(project, work, "first", env);
             Passport passport = new Passport(first.base, "redis://127.0.0.1:" + redisPort)) {
            httpPort = first.base.getPort();
            mobile = passport.newUser();
            token = passport.token(mobile);
            assertEquals(200, passport.http.get("api/passport/me", Passport.bearer(token)).status());
            assertTrue(Files.exists(work.resolve("data/video.mv.db")), "H2 file database in DATA_DIR");
            assertTrue(Files.exists(work.resolve("data/redis/appendonly.aof")), "embedded Redis data in DATA_DIR");
            first.interrupt();
        }
        assertFalse(listening(redisPort), "the embedded Redis stopped with the server");
        assertFalse(listening(httpPort));

        Map<String, String> admin = new java.util.HashMap<>(env);
        admin.put("AUTH_ADMIN_MOBILES", mobile);
        try (ServerProcess second = ServerProcess.start(project, work, "second", admin);
             Passport passport = new Passport(second.base, "redis://127.0.0.1:" + redisPort)) {
            assertEquals(200, passport.http.get("api/passport/me", Passport.bearer(token)).status(), "a token issued before the restart");
            HttpApi.Reply login = passport.tryLogin(mobile, Passport.PASSWORD);
            assertEquals(200, login.status(), "a user registered before the restart");
            String roles = passport.http.get("api/passport/me", Passport.bearer(login.json().getString("token"))).json()
                    .getJsonArray("roles").toString();
            assertTrue(roles.contains("admin"), "AUTH_ADMIN_MOBILES grants admin at start: " + roles);
            second.interrupt();
        }
    }

    private static boolean listening(int port) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
