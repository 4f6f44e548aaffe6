package com.videoplatform.auth.platform.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * For unit tests of beans that use {@link Redis}: a real redis-server (the bundled one) on a free
 * port of its own for the test class, and the application's {@link Redis} bean connected to it, as
 * a deployment would. Registered as {@code @RegisterExtension static final RealRedis server = new RealRedis();}.
 */
public final class RealRedis implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;
    private String uri;
    private Redis redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            uri = "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's address. */
    public String uri() {
        return uri;
    }

    /** The application's bean, connected on first use. */
    public Redis redis() {
        if (redis == null) {
            redis = new Redis();
            redis.uri = Optional.of(uri);
            redis.embedded = new EmbeddedRedis();
        }
        return redis;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (redis != null) {
            redis.stop();
        }
        server.stop();
    }
}
