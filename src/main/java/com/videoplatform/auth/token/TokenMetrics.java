package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The operator's figures (MicroProfile Metrics, at {@code /metrics}): logins by outcome, tokens
 * rejected by reason, and a gauge of active sessions counted in Redis at most every few seconds.
 */
@ApplicationScoped
public class TokenMetrics {

    private static final Logger LOG = Logger.getLogger(TokenMetrics.class.getName());
    private static final long GAUGE_CACHE_MILLIS = 5_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    Sessions sessions;

    private volatile long activeSessions;
    private volatile long countedAt;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(
                Metadata.builder()
                        .withName("auth_sessions_active")
                        .withDescription("Sessions open in Redis")
                        .withUnit(MetricUnits.NONE)
                        .build(),
                this,
                TokenMetrics::activeSessions);
    }

    public void login(String outcome) {
        registry.counter("auth_logins_total", new Tag("outcome", outcome)).inc();
    }

    public void rejected(ErrorCode reason) {
        registry.counter(
                        "auth_tokens_rejected_total",
                        new Tag("reason", reason.name().toLowerCase(Locale.ROOT)))
                .inc();
    }

    long activeSessions() {
        long now = System.currentTimeMillis();
        if (now - countedAt > GAUGE_CACHE_MILLIS) {
            try {
                activeSessions = sessions.countLive();
                countedAt = now;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cannot count sessions", e);
            }
        }
        return activeSessions;
    }
}
