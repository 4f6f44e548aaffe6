package com.videoplatform.auth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.embedded.RedisServer;

/**
 * The zero-configuration Redis: a real redis-server bundled in the WAR, bound to loopback,
 * persisting with an append-only file under {@code DATA_DIR/redis}, with the memory setting the
 * README recommends for any Redis of this service. Its pid is kept there so a
 * server orphaned by a killed JVM is stopped at the next start.
 */
@ApplicationScoped
public class EmbeddedRedis {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    @Inject
    @ConfigProperty(name = "DATA_DIR", defaultValue = "./data")
    String dataDir;

    /** 0 picks a free port. */
    @Inject
    @ConfigProperty(name = "REDIS_EMBEDDED_PORT", defaultValue = "0")
    int port;

    private RedisServer server;

    synchronized String start() {
        try {
            Path dir = Path.of(dataDir, "redis").toAbsolutePath();
            Files.createDirectories(dir);
            Path pidFile = dir.resolve("redis.pid");
            stopOrphan(pidFile);
            int chosen = port > 0 ? port : freePort();
            server = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("dir " + dir)
                    .setting("pidfile " + pidFile)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    // a user's session hash stays in the compact encoding with a browser's user agent in it
                    .setting("hash-max-ziplist-value 256")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            LOG.info(() -> "Started the embedded Redis on 127.0.0.1:" + chosen + ", data in " + dir);
            return "redis://127.0.0.1:" + chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Redis", e);
        }
    }

    synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Stopping the embedded Redis failed", e);
            }
            server = null;
        }
    }

    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        try {
            ProcessHandle.of(Long.parseLong(text))
                    .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                    .ifPresent(p -> {
                        LOG.warning(() -> "Stopping an embedded Redis left over by an earlier run (pid " + p.pid() + ")");
                        p.destroy();
                        try {
                            p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            p.destroyForcibly();
                        }
                    });
        } catch (NumberFormatException e) {
            LOG.warning("Ignoring an unreadable embedded Redis pid file");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
