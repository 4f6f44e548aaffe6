package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The operator's figures (MicroProfile Metrics, at {@code /metrics}): logins by outcome, tokens
 * rejected by reason, a gauge of active sessions counted in Redis at most every few seconds, and
 * the time logins and token checks take (the Redis commands' time is {@code Redis}'s). Every
 * metric is registered with its description, the HELP line of the Prometheus format.
 */
@ApplicationScoped
public class TokenMetrics {

    private static final Logger LOG = Logger.getLogger(TokenMetrics.class.getName());
    private static final long GAUGE_CACHE_MILLIS = 5_000;
    private static final Metadata LOGINS = Metadata.builder()
            .withName("auth_logins_total")
            .withDescription("Login attempts by outcome: success, invalid_credentials, disabled, throttled")
            .withUnit(MetricUnits.NONE)
            .build();
    private static final Metadata REJECTED = Metadata.builder()
            .withName("auth_tokens_rejected_total")
            .withDescription("Presented tokens refused, by reason: token_invalid, token_expired, token_revoked")
            .withUnit(MetricUnits.NONE)
            .build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    Sessions sessions;

    private volatile long activeSessions;
    private volatile long countedAt;
    private Timer logins;
    private Timer checks;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(
                Metadata.builder()
                        .withName("auth_sessions_active")
                        .withDescription("Sessions open in Redis")
                        .withUnit(MetricUnits.NONE)
                        .build(),
                this,
                TokenMetrics::activeSessions);
        logins = registry.timer(Metadata.builder()
                .withName("auth_login_duration")
                .withDescription("Time a login takes, whatever its outcome, from the body checked to the answer")
                .withUnit(MetricUnits.SECONDS)
                .build());
        checks = registry.timer(Metadata.builder()
                .withName("auth_token_check_duration")
                .withDescription("Time the check of a presented token takes: signature, claims and its session")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    public void login(String outcome) {
        registry.counter(LOGINS, new Tag("outcome", outcome)).inc();
    }

    public void rejected(ErrorCode reason) {
        registry.counter(REJECTED, new Tag("reason", reason.name().toLowerCase(Locale.ROOT)))
                .inc();
    }

    /** A login that took {@code nanos}. */
    public void loginTook(long nanos) {
        logins.update(Duration.ofNanos(nanos));
    }

    /** A token check that took {@code nanos}: one timer update, cheap beside the check (bench/RESULTS.md). */
    void checkTook(long nanos) {
        checks.update(Duration.ofNanos(nanos));
    }

    /** Live sessions of all users, counted by a scan of Redis at most every five seconds. */
    public long activeSessions() {
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
