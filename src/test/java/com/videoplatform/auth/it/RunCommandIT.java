package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run command's zero-configuration defaults really serve: started by the same script the
 * README names, with no database and no Redis configured, a user and a token survive a restart,
 * and Ctrl-C stops the server together with its embedded Redis.
 */
class RunCommandIT {

    private final Path project = Path.of(System.getProperty("project.dir", "."));
    private final Path work = project.resolve("target/run-command-it");
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void usersAndTokensSurviveARestartAndCtrlCStopsEverything() throws Exception {
        deleteRecursively(work);
        int httpPort = freePort();
        int redisPort = freePort();
        URI base = URI.create("http://127.0.0.1:" + httpPort + "/");

        server = start(httpPort, redisPort, "first", "");
        String mobile;
        String token;
        try (Passport passport = new Passport(base, "redis://127.0.0.1:" + redisPort)) {
            mobile = passport.newUser();
            token = passport.token(mobile);
            assertEquals(200, passport.http.get("api/passport/me", Passport.bearer(token)).status());
        }
        assertTrue(Files.exists(work.resolve("data/video.mv.db")), "H2 file database in DATA_DIR");
        assertTrue(Files.exists(work.resolve("data/redis")), "embedded Redis data in DATA_DIR");
        interruptAndAwaitExit();
        assertFalse(listening(redisPort), "the embedded Redis stopped with the server");
        assertFalse(listening(httpPort));

        server = start(httpPort, redisPort, "second", mobile);
        try (Passport passport = new Passport(base, "redis://127.0.0.1:" + redisPort)) {
            assertEquals(200, passport.http.get("api/passport/me", Passport.bearer(token)).status(), "a token issued before the restart");
            HttpApi.Reply login = passport.tryLogin(mobile, Passport.PASSWORD);
            assertEquals(200, login.status(), "a user registered before the restart");
            String roles = passport.http.get("api/passport/me", Passport.bearer(login.json().getString("token"))).json().getJsonArray("roles").toString();
            assertTrue(roles.contains("admin"), "AUTH_ADMIN_MOBILES grants admin at start: " + roles);
        }
        interruptAndAwaitExit();
    }

    private Process start(int httpPort, int redisPort, String name, String adminMobiles) throws Exception {
        Files.createDirectories(work);
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara.sh")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        for (String name2 : new String[] {"REDIS_URI", "DB_URL", "DB_USER", "DB_PASSWORD", "AUTH_JWT_SECRET"}) {
            env.remove(name2);
        }
        env.put("PORT", Integer.toString(httpPort));
        env.put("DATA_DIR", work.resolve("data").toString());
        env.put("LOG_DIR", work.resolve("logs").toString());
        env.put("REDIS_EMBEDDED_PORT", Integer.toString(redisPort));
        env.put("JAVA_OPTS", "-Xmx512m");
        env.put("AUTH_ADMIN_MOBILES", adminMobiles);
        Process process = builder.start();
        HttpApi http = new HttpApi(URI.create("http://127.0.0.1:" + httpPort + "/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "the server exited; see " + log);
            String text = Files.readString(log);
            assertFalse(text.contains("Exception while preparing the app"), () -> "deployment failed; see " + log);
            if (text.contains(" ready in ") && pingOk(http)) {
                return process;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not come up in time; see " + log);
    }

    private static boolean pingOk(HttpApi http) {
        try {
            return http.get("api/ping").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What Ctrl-C does: SIGINT, then the JVM's orderly shutdown. */
    private void interruptAndAwaitExit() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
        assertTrue(server.waitFor(90, TimeUnit.SECONDS), "the server stopped after SIGINT");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
