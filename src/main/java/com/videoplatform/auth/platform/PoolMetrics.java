package com.videoplatform.auth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The figures of the database pool {@code VideoPool} at {@code /metrics}, read from the pool's own
 * statistics: Payara's monitoring MBean of the pool (AMX, which server-config/post-boot-commands.asadmin
 * switches on with the pool's monitoring level). Payara's own way, a {@code metrics.xml} in the
 * domain's config folder, has no place on Payara Micro, whose domain folder is made anew at each
 * start; so these few gauges are the application's. A figure reads -1 while the statistics are
 * not there (monitoring off).
 */
@ApplicationScoped
public class PoolMetrics {

    private static final String POOL =
            "amx:pp=/mon/server-mon[server],type=jdbc-connection-pool-mon,name=resources/VideoPool";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        gauge("auth_db_pool_connections_used", "Database pool connections in use now", "numconnused", "current");
        gauge("auth_db_pool_connections_free", "Database pool connections free now", "numconnfree", "current");
        gauge(
                "auth_db_pool_connections_acquired",
                "Database pool connections handed out since the start (a count that only grows)",
                "numconnacquired",
                "count");
        gauge(
                "auth_db_pool_wait_queue_length",
                "Requests waiting for a database pool connection now",
                "waitqueuelength",
                "count");
    }

    private void gauge(String name, String description, String attribute, String item) {
        registry.gauge(
                Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        .withUnit(MetricUnits.NONE)
                        .build(),
                () -> read(attribute, item));
    }

    private static long read(String attribute, String item) {
        try {
            Object statistic = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(POOL), attribute);
            return statistic instanceof CompositeData data && data.get(item) instanceof Long value ? value : -1;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }
}
