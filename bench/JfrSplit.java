import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Splits a JFR recording's execution samples (jdk.ExecutionSample) by component: each sample goes
 * to the innermost frame that belongs to a known component (JDK frames count for whoever called
 * them), and, with the server's CPU time per request of the recorded run, each component's share is
 * given in microseconds per request. JFR samples threads only while they run Java code, so kernel
 * time, GC and the JIT are not in these samples: bench/run.sh reports CPU per thread beside them.
 * Hand-written because `jfr print` and `jfr summary` give stacks and counts, not this grouping.
 * Usage: java bench/JfrSplit.java RECORDING.jfr [JAVA_CPU_MICROSECONDS_PER_REQUEST [FROM_MS TO_MS]],
 * the last two the epoch milliseconds of the run to count.
 */
public class JfrSplit {

    /** Package or class prefixes, first match wins, so the more specific come first. */
    static final List<String[]> COMPONENTS = List.of(
            new String[] {"org.jose4j.", "token check: jose4j (signature, JSON, claims)"},
            new String[] {"com.videoplatform.auth.token.TokenCodec", "token check: ours (TokenCodec)"},
            new String[] {"com.videoplatform.auth.token.KeyRing", "token check: ours (TokenCodec)"},
            new String[] {"com.videoplatform.auth.token.Sessions", "session check: ours (Sessions)"},
            new String[] {"com.videoplatform.auth.platform.redis.", "session check: ours (Sessions)"},
            new String[] {"com.videoplatform.auth.token.TokenFilter", "our filters and resources"},
            new String[] {"com.videoplatform.", "our filters and resources"},
            new String[] {"io.lettuce.", "Redis client (Lettuce, netty)"},
            new String[] {"io.netty.", "Redis client (Lettuce, netty)"},
            new String[] {"reactor.", "Redis client (Lettuce, netty)"},
            new String[] {"org.eclipse.yasson.", "JSON writing (JSON-B: Yasson, Parsson)"},
            new String[] {"org.eclipse.parsson.", "JSON writing (JSON-B: Yasson, Parsson)"},
            new String[] {"org.glassfish.json.", "JSON writing (JSON-B: Yasson, Parsson)"},
            new String[] {"org.glassfish.jersey.", "Jersey (JAX-RS)"},
            new String[] {"org.jboss.weld.", "Weld (CDI)"},
            new String[] {"org.glassfish.hk2.", "HK2 (Jersey's and Payara's injection)"},
            new String[] {"org.jvnet.hk2.", "HK2 (Jersey's and Payara's injection)"},
            new String[] {"fish.payara.microprofile.telemetry.", "Payara: MP Telemetry (tracing listener)"},
            new String[] {"fish.payara.opentracing.", "Payara: MP Telemetry (tracing listener)"},
            new String[] {"io.opentelemetry.", "Payara: MP Telemetry (tracing listener)"},
            new String[] {"fish.payara.nucleus.requesttracing.", "Payara: MP Telemetry (tracing listener)"},
            new String[] {"fish.payara.microprofile.metrics.", "Payara: MP Metrics"},
            new String[] {"org.glassfish.grizzly.", "Grizzly (HTTP)"},
            new String[] {"org.apache.catalina.", "servlet pipeline (Payara web container)"},
            new String[] {"org.apache.coyote.", "servlet pipeline (Payara web container)"},
            new String[] {"com.sun.enterprise.web.", "servlet pipeline (Payara web container)"},
            new String[] {"org.glassfish.web.", "servlet pipeline (Payara web container)"},
            new String[] {"fish.payara.", "Payara, other (security, monitoring, request tracing)"},
            new String[] {"com.sun.enterprise.", "Payara, other (security, monitoring, request tracing)"},
            new String[] {"org.glassfish.", "Payara, other (security, monitoring, request tracing)"},
            new String[] {"com.sun.", "Payara, other (security, monitoring, request tracing)"});

    /**
     * Subtrees counted inclusively (a sample counts if the method is anywhere on its stack), for the
     * costs that the innermost-frame split scatters: a listener whose time goes to HK2's proxies
     * shows under HK2 above, and under its own name here.
     */
    static final List<String[]> SUBTREES = List.of(
            new String[] {
                "fish.payara.microprofile.telemetry.tracing.jaxrs.OpenTelemetryRequestEventListener.onEvent",
                "Payara's MP Telemetry listener, all it calls"
            },
            new String[] {"com.videoplatform.auth.token.TokenFilter.filter", "our token filter, all it calls"},
            new String[] {
                "com.videoplatform.auth.token.TokenCheck.check",
                "the token and session check (in our token filter; the Redis round trip included)"
            },
            new String[] {
                "org.glassfish.jersey.server.model.ResourceMethodInvoker.invoke",
                "the resource method, as Jersey invokes it"
            },
            new String[] {
                "org.glassfish.jersey.message.internal.MessageBodyFactory.writeTo", "writing the body (JSON-B)"
            },
            new String[] {
                "com.sun.web.server.J2EEInstanceListener.instanceEvent",
                "Payara's invocation bookkeeping around each servlet filter and the servlet"
            },
            new String[] {
                "org.jboss.weld.module.web.servlet.HttpContextLifecycle.", "Weld's request context, started and ended"
            });

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "arguments: RECORDING.jfr [JAVA_CPU_MICROSECONDS_PER_REQUEST [FROM_MS TO_MS]]");
        }
        double perRequest = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        long from = args.length > 3 ? Long.parseLong(args[2]) : Long.MIN_VALUE;
        long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> bySubtree = new LinkedHashMap<>();
        SUBTREES.forEach(t -> bySubtree.put(t[1], 0L));
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || event.getStartTime().toEpochMilli() < from
                    || event.getStartTime().toEpochMilli() > to) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            byComponent.merge(component(frames), 1L, Long::sum);
            byMethod.merge(component(frames) + ": " + knownFrame(frames), 1L, Long::sum);
            String thread = event.getThread("sampledThread") == null
                    ? "?"
                    : event.getThread("sampledThread").getJavaName();
            byThread.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1L, Long::sum);
            for (String[] subtree : SUBTREES) {
                if (frames.stream().anyMatch(f -> (f.getMethod().getType().getName() + "."
                                + f.getMethod().getName())
                        .startsWith(subtree[0]))) {
                    bySubtree.merge(subtree[1], 1L, Long::sum);
                }
            }
        }
        System.out.printf("JFR execution samples: %d%n", total);
        print("component (innermost known frame)", byComponent, total, perRequest);
        print("thread", byThread, total, perRequest);
        Map<String, Long> top = new HashMap<>();
        byMethod.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        print("the 25 busiest innermost known methods", top, total, perRequest);
        print("subtrees, counted inclusively (they overlap the rows above)", bySubtree, total, perRequest);
    }

    /** The innermost frame of a known component, as Class.method. */
    static String knownFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (COMPONENTS.stream().anyMatch(c -> type.startsWith(c[0]))) {
                return type.substring(type.lastIndexOf('.') + 1) + "."
                        + frame.getMethod().getName();
            }
        }
        return frames.isEmpty() ? "?" : frames.get(0).getMethod().getName();
    }

    static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) { // innermost first
            String type = frame.getMethod().getType().getName();
            for (String[] c : COMPONENTS) {
                if (type.startsWith(c[0])) {
                    return c[1];
                }
            }
        }
        return "JDK only (no library frame on the stack)";
    }

    static void print(String title, Map<String, Long> counts, long total, double perRequest) {
        System.out.printf("%n| %-85s | %7s | %6s | %s |%n", title, "samples", "share", "µs/request of the Java CPU");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(87), "-".repeat(9), "-".repeat(8), "-".repeat(28));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, n) -> System.out.printf(
                "| %-85s | %7d | %5.1f%% | %26s |%n",
                name, n, 100.0 * n / total, perRequest > 0 ? String.format("%.1f", perRequest * n / total) : "-"));
    }
}
