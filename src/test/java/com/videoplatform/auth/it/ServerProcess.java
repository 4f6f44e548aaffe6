package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service started by the README's own script, server-config/payara.sh, as an operator would. */
final class ServerProcess implements AutoCloseable {

    final URI base;
    final Process process;
    final Path log;

    private ServerProcess(URI base, Process process, Path log) {
        this.base = base;
        this.process = process;
        this.log = log;
    }

    /** Starts a server on a free port (or the environment's PORT) with these environment variables and waits until it serves. */
    static ServerProcess start(Path project, Path work, String name, Map<String, String> environment) throws Exception {
        ServerProcess server = launch(project, work, name, environment);
        server.awaitReady();
        return server;
    }

    /** Starts a server on a free port with these environment variables, and does not wait. */
    static ServerProcess launch(Path project, Path work, String name, Map<String, String> environment)
            throws Exception {
        Files.createDirectories(work);
        int port = environment.containsKey("PORT") ? Integer.parseInt(environment.get("PORT")) : freePort();
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara.sh")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        for (String inherited :
                new String[] {"REDIS_URI", "DB_URL", "DB_USER", "DB_PASSWORD", "AUTH_JWT_SECRET", "AUTH_ADMIN_MOBILES"
                }) {
            env.remove(inherited);
        }
        env.put("PORT", Integer.toString(port));
        env.put("DATA_DIR", work.resolve(name + "/data").toString());
        env.put("LOG_DIR", work.resolve(name + "/logs").toString());
        env.put("JAVA_OPTS", "-Xmx512m");
        env.putAll(environment);
        return new ServerProcess(URI.create("http://127.0.0.1:" + port + "/"), builder.start(), log);
    }

    private void awaitReady() throws Exception {
        HttpApi http = new HttpApi(base);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "the server exited; see " + log);
            String text = Files.readString(log);
            assertFalse(text.contains("Exception while preparing the app"), () -> "deployment failed; see " + log);
            if (text.contains(" ready in ") && pingOk(http)) {
                return;
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
    void interrupt() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the server stopped after SIGINT");
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    // the script's Java and the embedded Redis would outlive it
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * With a management port (docs/operations.md): health, metrics and OpenAPI answer there, and
     * the public port answers them 404 problem+json while it still serves the API.
     */
    static void assertOperationsOnlyOn(HttpApi management, HttpApi publicPort) {
        assertAll(
                "the management port",
                () -> assertEquals(200, management.get("health/ready").status()),
                () -> assertTrue(management.get("metrics").body().contains("# TYPE")),
                () -> assertTrue(management.get("openapi").body().contains("/api/passport/login")),
                () -> assertEquals(200, publicPort.get("api/ping").status()));
        for (String path : java.util.List.of("health", "health/ready", "metrics", "openapi")) {
            HttpApi.Reply reply = publicPort.get(path);
            assertEquals(404, reply.status(), () -> "public /" + path + ": " + reply);
            assertEquals(
                    "application/problem+json",
                    reply.header("Content-Type").orElse("").split(";")[0],
                    () -> "public /" + path + ": " + reply);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
