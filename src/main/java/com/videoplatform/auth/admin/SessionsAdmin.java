package com.videoplatform.auth.admin;

import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.token.TokenMetrics;
import com.videoplatform.auth.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The {@link SessionsAdminMXBean}, registered in the platform MBean server while the application
 * is deployed. Each operation goes through {@link Accounts} (a transaction of the EJB container,
 * its audit line naming the channel {@value #CHANNEL}), as the admin API's do. Failures reach the
 * JMX client as JDK exceptions with the message only: the client has none of the application's
 * classes, and no stack trace leaves the server.
 */
@ApplicationScoped
public class SessionsAdmin implements SessionsAdminMXBean {

    public static final String OBJECT_NAME = "com.videoplatform.auth:type=Sessions";
    static final String CHANNEL = "jmx";
    private static final Logger LOG = Logger.getLogger(SessionsAdmin.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    TokenService tokens;

    @Inject
    TokenMetrics metrics;

    /** The application's class loader, which JMX threads do not have as their context class loader. */
    private ClassLoader application;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws JMException {
        application = Thread.currentThread().getContextClassLoader();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // left by a deployment that did not end cleanly
        }
        server.registerMBean(new StandardMBean(this, SessionsAdminMXBean.class, true), name);
    }

    void unregister(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
        } catch (JMException e) {
            LOG.log(Level.FINE, "The sessions MBean was not registered", e);
        }
    }

    @Override
    public long getActiveSessions() {
        return call(metrics::activeSessions);
    }

    @Override
    public long activeSessions(long userId) {
        return call(() -> (long) tokens.list(userId).size());
    }

    @Override
    public long endSessions(long userId) {
        return call(() -> accounts.endSessions(userId, CHANNEL));
    }

    @Override
    public void disableUser(long userId) {
        call(() -> accounts.setEnabled(userId, false, CHANNEL));
    }

    @Override
    public void enableUser(long userId) {
        call(() -> accounts.setEnabled(userId, true, CHANNEL));
    }

    private <T> T call(Supplier<T> operation) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            return operation.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ApiException refused) {
                    throw new IllegalArgumentException(refused.code() + ": " + refused.getMessage());
                }
            }
            LOG.log(Level.WARNING, "A JMX session administration operation failed", e);
            throw new IllegalStateException("The operation failed; the server log says why.");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
