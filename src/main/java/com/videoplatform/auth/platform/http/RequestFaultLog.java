package com.videoplatform.auth.platform.http;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps requests that Payara fails on before the application runs to one line each in the server log.
 * Payara logs these client faults with a stack trace of 20 to 30 lines, so without this anyone could
 * flood the log:
 * <ul>
 * <li>A path that Grizzly cannot decode reaches the web container's catch-all (CoyoteAdapter.service),
 * which logs it at SEVERE and answers 200 with an empty body: a path ending in "/." or "/.."
 * (Grizzly's HttpRequestURIDecoder.normalizeBytes appends a '/' one byte past the buffer that
 * RequestURIRef allocated for the decoded path: ArrayIndexOutOfBoundsException), or a malformed
 * %-escape (URLDecoder.decode: IllegalArgumentException).</li>
 * <li>A malformed chunked body: Grizzly answers 400 and its filter chain logs the
 * HttpBrokenContentException at WARNING.</li>
 * </ul>
 * A logger level could only silence those loggers as a whole, real errors of the container included;
 * these filters rewrite just these records, while the application is deployed.
 */
@WebListener
public class RequestFaultLog implements ServletContextListener {

    static final String UNDECODABLE_PATH =
            "A request whose path cannot be decoded (it ends in /. or /.., or has a malformed %-escape)"
                    + " was not served";
    static final String BROKEN_BODY = "A request with a malformed body encoding was refused";

    private final List<Rule> rules = List.of(
            new Rule(
                    Logger.getLogger("jakarta.enterprise.web.core"), RequestFaultLog::isPathDecoding, UNDECODABLE_PATH),
            new Rule(
                    Logger.getLogger("org.glassfish.grizzly.filterchain.DefaultFilterChain"),
                    thrown ->
                            thrown.getClass().getName().equals("org.glassfish.grizzly.http.HttpBrokenContentException"),
                    BROKEN_BODY));

    @Override
    public void contextInitialized(ServletContextEvent event) {
        rules.forEach(Rule::install);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        rules.forEach(Rule::uninstall);
    }

    /** Thrown by Grizzly while decoding the request path (RequestURIRef.getDecodedRequestURIBC). */
    static boolean isPathDecoding(Throwable thrown) {
        if (!(thrown instanceof ArrayIndexOutOfBoundsException || thrown instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().equals("org.glassfish.grizzly.http.util.RequestURIRef")
                    && frame.getMethodName().equals("getDecodedRequestURIBC")) {
                return true;
            }
        }
        return false;
    }

    /** A filter on one logger: a record whose exception matches becomes one line of {@code message}, without the stack. */
    static final class Rule implements Filter {
        private final Logger logger;
        private final Predicate<Throwable> matches;
        private final String message;
        private Filter previous;

        Rule(Logger logger, Predicate<Throwable> matches, String message) {
            this.logger = logger;
            this.matches = matches;
            this.message = message;
        }

        void install() {
            previous = logger.getFilter();
            logger.setFilter(this);
        }

        void uninstall() {
            if (logger.getFilter() == this) {
                logger.setFilter(previous);
            }
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (record.getThrown() != null && matches.test(record.getThrown())) {
                record.setLevel(Level.WARNING);
                record.setThrown(null);
                record.setResourceBundle(null);
                record.setResourceBundleName(null);
                record.setParameters(null);
                record.setMessage(message);
            }
            return previous == null || previous.isLoggable(record);
        }
    }
}
