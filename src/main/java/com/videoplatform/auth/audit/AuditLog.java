package com.videoplatform.auth.audit;

import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ClientInfo;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes audit entries through a {@code java.util.logging} logger of its own with a size-rotated
 * file, and, as {@code AUDIT_TARGET} says, also or only to the server log under the logger
 * {@value #SERVER_LOGGER} (where Payara's Log Viewer and log shippers see them). Requests only put
 * the line in a bounded queue; one writer thread does the I/O, so a slow or full disk never slows
 * or fails the request (a full queue drops the line and says so).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    /** The server log's logger of the audit lines. */
    public static final String SERVER_LOGGER = "com.videoplatform.auth.audit";

    /** One audit entry; fields left unset are written as null. */
    public static final class Entry {
        private final String event;
        private final String outcome;
        private final String ip;
        private final String userAgent;
        private Long userId;
        private String sessionId;
        private String mobile;
        private String reason;
        private String target;
        private String channel;

        private Entry(String event, String outcome, ClientInfo client) {
            this.event = event;
            this.outcome = outcome;
            // copied now: an entry may be written after its request (at the commit of a transaction)
            this.ip = client.ip();
            this.userAgent = client.userAgent();
        }

        public Entry user(Long id) {
            this.userId = id;
            return this;
        }

        public Entry session(String id) {
            this.sessionId = id;
            return this;
        }

        public Entry mobile(String value) {
            this.mobile = value;
            return this;
        }

        /** What the action was done to, such as {@code video:12} or {@code user:7}. */
        public Entry target(String value) {
            this.target = value;
            return this;
        }

        public Entry reason(String value) {
            this.reason = value;
            return this;
        }

        /**
         * The operator channel outside HTTP that the action came through, such as {@code jmx}; written
         * only when set, so that the lines of requests keep their fields.
         */
        Entry channel(String value) {
            this.channel = value;
            return this;
        }

        String toJson(Instant now) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("ts", now.toString())
                    .add("event", event)
                    .add("outcome", outcome);
            add(json, "userId", userId);
            add(json, "sessionId", sessionId);
            add(json, "mobile", mask(mobile));
            add(json, "ip", ip);
            add(json, "userAgent", userAgent);
            add(json, "reason", reason);
            add(json, "target", target);
            if (channel != null) {
                json.add("channel", channel);
            }
            return json.build().toString();
        }

        private static void add(JsonObjectBuilder json, String name, Object value) {
            if (value == null) {
                json.addNull(name);
            } else if (value instanceof Long number) {
                json.add(name, number);
            } else {
                json.add(name, value.toString());
            }
        }
    }

    static Entry success(String event, ClientInfo client) {
        return new Entry(event, "success", client);
    }

    static Entry failure(String event, ClientInfo client) {
        return new Entry(event, "failure", client);
    }

    /** A success of the current request, naming its client and, when it is authenticated, its user and session. */
    public Entry success(String event) {
        return ofThisRequest(success(event, client));
    }

    /** A failure of the current request, named as {@link #success(String)} names it. */
    public Entry failure(String event) {
        return ofThisRequest(failure(event, client));
    }

    /**
     * A success of an operator acting through {@code channel} (such as {@code jmx}) rather than an
     * HTTP request: no client, user or session, and the channel named.
     */
    public Entry operatorSuccess(String event, String channel) {
        return success(event, new ClientInfo(null, null, false)).channel(channel);
    }

    private Entry ofThisRequest(Entry entry) {
        if (request.getAttribute(Actor.ATTRIBUTE) instanceof Actor actor) {
            entry.user(actor.userId()).session(actor.sessionId());
        }
        return entry;
    }

    /** {@code 13812340000} becomes {@code 138****0000}; anything not shaped like a mobile is hidden whole. */
    public static String mask(String mobile) {
        if (mobile == null) {
            return null;
        }
        return mobile.matches("[0-9]{11}") ? mobile.substring(0, 3) + "****" + mobile.substring(7) : "****";
    }

    @Inject
    @ConfigProperty(name = "LOG_DIR", defaultValue = "./logs")
    String logDir;

    /** Read at each line: an operator's change applies to the next rotation. */
    Setting maxBytes;

    Setting files;

    /** {@code file} (the default), {@code server-log} or {@code both}: where the lines go; needs a restart. */
    @Inject
    @ConfigProperty(name = "AUDIT_TARGET", defaultValue = "file")
    String target;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The current request's client and the request itself, where an authenticated one keeps its actor. */
    @Inject
    ClientInfo client;

    @Inject
    HttpServletRequest request;

    private final Logger audit = Logger.getAnonymousLogger();
    private final Logger serverLog = Logger.getLogger(SERVER_LOGGER);
    private boolean toFile;
    private boolean toServerLog;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private Thread writer;
    private RotatingFileHandler handler;

    @PostConstruct
    void open() {
        maxBytes = Setting.positive("AUDIT_LOG_MAX_BYTES", 104857600);
        files = Setting.positive("AUDIT_LOG_FILES", 10);
        openTargets();
        writer = threads.newThread(this::drain);
        writer.setName("audit-log-writer");
        writer.start();
    }

    /** Made at deployment, so that a wrong {@code AUDIT_TARGET} fails the deployment, not the first request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the observer's instance is made and opened: nothing more to do
    }

    /** Checks {@code AUDIT_TARGET} and opens the file when it is one of the targets. */
    void openTargets() {
        switch (target.strip()) {
            case "file" -> toFile = true;
            case "server-log" -> toServerLog = true;
            case "both" -> toFile = toServerLog = true;
            default -> throw new InvalidSetting("AUDIT_TARGET", "must be file, server-log or both");
        }
        if (!toFile) {
            return;
        }
        audit.setUseParentHandlers(false);
        audit.setLevel(Level.INFO);
        try {
            Path dir = Path.of(logDir);
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            handler = new RotatingFileHandler(dir.resolve("audit.log"), maxBytes::get, () -> files.get() - 1);
            audit.addHandler(handler);
        } catch (IOException e) {
            // the service keeps serving; the operator sees why the audit trail is missing
            LOG.log(Level.SEVERE, "Cannot open the audit log in " + logDir, e);
        }
    }

    /**
     * Writes {@code entry} when the current transaction commits, and not at all if it rolls back,
     * so that no line says a change succeeded that did not; outside a transaction, at once.
     */
    public void writeOnCommit(Entry entry) {
        if (transactions.getTransactionKey() == null) {
            write(entry);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    write(entry);
                }
            }
        });
    }

    public void write(Entry entry) {
        if (!queue.offer(entry.toJson(Instant.now())) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warning(() -> "The audit log cannot keep up; " + dropped.get() + " entries dropped so far");
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            try {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    publish(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An audit entry could not be written", e);
            }
        }
    }

    /** Writes one line to each target. */
    void publish(String line) {
        if (toFile) {
            audit.info(line);
        }
        if (toServerLog) {
            serverLog.info(line);
        }
    }

    @PreDestroy
    void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeTargets();
    }

    void closeTargets() {
        if (handler != null) {
            audit.removeHandler(handler);
            handler.close();
        }
    }
}
