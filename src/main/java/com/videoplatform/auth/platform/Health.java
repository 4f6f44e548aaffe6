package com.videoplatform.auth.platform;

import com.videoplatform.auth.platform.redis.Redis;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: ready only while both Redis and the database answer. */
public final class Health {

    private Health() {}

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up("video-auth");
        }
    }

    @Readiness
    @ApplicationScoped
    public static class RedisReady implements HealthCheck {
        @Inject
        Redis redis;

        @Override
        public HealthCheckResponse call() {
            try {
                return HealthCheckResponse.named("redis")
                        .status("PONG".equals(redis.sync().ping()))
                        .build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.down("redis");
            }
        }
    }

    @Readiness
    @ApplicationScoped
    public static class DatabaseReady implements HealthCheck {
        @Resource(lookup = "jdbc/video")
        DataSource dataSource;

        @Override
        public HealthCheckResponse call() {
            try (Connection connection = dataSource.getConnection()) {
                return HealthCheckResponse.named("database")
                        .status(connection.isValid(2))
                        .build();
            } catch (SQLException | RuntimeException e) {
                return HealthCheckResponse.down("database");
            }
        }
    }
}
