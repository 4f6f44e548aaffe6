package com.videoplatform.auth.platform.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * For unit tests of beans that use {@link Redis}: a real redis-server (the bundled one) on a free
 * port of its own, and the application's {@link Redis} bean connected to it, as a deployment would.
 */
public final class RealRedis implements AutoCloseable {

    private final RedisServer server;
    private final Redis redis;

    public RealRedis() {
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
            redis = new Redis();
            redis.uri = Optional.of("redis://127.0.0.1:" + port);
            redis.embedded = new EmbeddedRedis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Redis redis() {
        return redis;
    }

    @Override
    public void close() throws IOException {
        redis.stop();
        server.stop();
    }
}
