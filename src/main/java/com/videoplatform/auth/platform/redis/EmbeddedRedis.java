package com.videoplatform.auth.platform.redis;

import com.videoplatform.auth.platform.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The zero-configuration Redis: a real redis-server bundled in the WAR, bound to loopback,
 * persisting with an append-only file under {@code DATA_DIR/redis}, with the memory setting the
 * operations docs (docs/operations.md, "Redis") recommend for any Redis of this service. Its pid is kept there so a
 * server orphaned by a killed JVM is stopped at the next start.
 * <p>Loopback is open to every account on the machine, so it wants a password: 256 random bits,
 * made once into {@code DATA_DIR/redis/password} (mode 0600, in a 0700 directory) and reused
 * after. The commands that would let a client reconfigure the server, load code into it, copy its
 * data to another host or wipe it do not exist on it; the service uses none of them.
 */
@ApplicationScoped
public class EmbeddedRedis {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());
    private static final String PASSWORD_FILE = "password";
    private static final List<String> DISABLED_COMMANDS = List.of(
            "ACL",
            "CONFIG",
            "DEBUG",
            "FAILOVER",
            "FLUSHALL",
            "FLUSHDB",
            "MIGRATE",
            "MODULE",
            "MONITOR",
            "PSYNC",
            "REPLICAOF",
            "RESTORE",
            "RESTORE-ASKING",
            "SHUTDOWN",
            "SLAVEOF",
            "SWAPDB",
            "SYNC");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

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
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY); // made 0755 by earlier versions
            Path pidFile = dir.resolve("redis.pid");
            stopOrphan(pidFile);
            String password = loadOrGeneratePassword(dir.resolve(PASSWORD_FILE));
            int chosen = port > 0 ? port : freePort();
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    // the library writes these settings to a temporary file: it gets the password's hash only
                    .setting("user default on #" + sha256(password) + " ~* &* +@all")
                    .setting("dir " + dir)
                    .setting("pidfile " + pidFile)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    // a user's session hash stays in the compact encoding with a browser's user agent in it
                    .setting("hash-max-ziplist-value 256")
                    .onShutdownForceStop(true);
            DISABLED_COMMANDS.forEach(command -> builder.setting("rename-command " + command + " \"\""));
            server = builder.build();
            server.start();
            LOG.info(() -> "Started the embedded Redis on 127.0.0.1:" + chosen + ", data in " + dir
                    + ", its password in " + dir.resolve(PASSWORD_FILE));
            return "redis://:" + password + "@127.0.0.1:" + chosen;
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

    /** The password file's password, made on first use with 256 random bits. */
    private static String loadOrGeneratePassword(Path file) throws IOException {
        String password = PrivateFiles.readOrCreate(file, () -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
        if (password.isEmpty()) {
            throw new IOException(file + " is empty: delete it, and a new password is made at the next start");
        }
        return password;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
                    .filter(p -> p.info()
                            .command()
                            .map(c -> c.contains("redis-server"))
                            .orElse(false))
                    .ifPresent(p -> {
                        LOG.warning(
                                () -> "Stopping an embedded Redis left over by an earlier run (pid " + p.pid() + ")");
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
