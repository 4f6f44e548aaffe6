package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.admin.SessionsAdminMXBean;
import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * An operator administers sessions through the server's JMX connector, as JConsole would, with no
 * application token: the service's MBean counts sessions, ends a user's, disables and enables the
 * account, each audited with the channel {@code jmx}. With {@code AUDIT_TARGET=both} the audit
 * lines also reach the server log under their own logger.
 */
class OperatorJmxIT {

    private final Path project = Path.of(System.getProperty("project.dir", "."));
    private final Path work = project.resolve("target/operator-jmx-it");

    @Test
    void anOperatorEndsSessionsAndDisablesAndEnablesAUserOverJmxEachAudited() throws Exception {
        ServerProcess.deleteRecursively(work);
        int redisPort = ServerProcess.freePort();
        int jmxPort = ServerProcess.freePort();
        Path data = work.resolve("data");
        Path logs = work.resolve("logs");
        Map<String, String> env = Map.of(
                "DATA_DIR", data.toString(),
                "LOG_DIR", logs.toString(),
                "REDIS_EMBEDDED_PORT", Integer.toString(redisPort),
                "AUDIT_TARGET", "both",
                "JAVA_OPTS",
                        "-Xmx512m -Dcom.sun.management.jmxremote.port=" + jmxPort
                                + " -Dcom.sun.management.jmxremote.rmi.port=" + jmxPort
                                + " -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
                                + " -Dcom.sun.management.jmxremote.authenticate=false"
                                + " -Dcom.sun.management.jmxremote.ssl=false");
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        try (ServerProcess server = ServerProcess.start(project, work, "server", env);
                Passport passport = new Passport(server.base, Passport.embeddedRedisUri(data, redisPort));
                JMXConnector jmx = JMXConnectorFactory.connect(url)) {
            SessionsAdminMXBean sessions = JMX.newMXBeanProxy(
                    jmx.getMBeanServerConnection(),
                    new ObjectName("com.videoplatform.auth:type=Sessions"),
                    SessionsAdminMXBean.class);
            String mobile = passport.newUser();
            JsonObject login = passport.login(mobile);
            long userId = login.getJsonNumber("userId").longValue();
            String token = login.getString("token");

            await(() -> sessions.getActiveSessions() >= 1); // the count is at most five seconds old
            assertEquals(1, sessions.activeSessions(userId));
            assertEquals(1, sessions.endSessions(userId), "the sessions that were live");
            assertProblem(passport.http.get("api/passport/me", bearer(token)), 401, "TOKEN_REVOKED");
            assertEquals(0, sessions.activeSessions(userId));

            String second = passport.token(mobile);
            sessions.disableUser(userId);
            assertProblem(passport.http.get("api/passport/me", bearer(second)), 401, "TOKEN_REVOKED");
            assertProblem(passport.tryLogin(mobile, PASSWORD), 403, "ACCOUNT_DISABLED");
            sessions.enableUser(userId);
            assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());

            IllegalArgumentException unknown =
                    assertThrows(IllegalArgumentException.class, () -> sessions.disableUser(Long.MAX_VALUE));
            assertEquals("NOT_FOUND: No such user.", unknown.getMessage(), "the reason, and nothing of the server");

            Path audit = logs.resolve("audit.log");
            String target = "\"target\":\"user:" + userId + "\"";
            List<String> expected = List.of("admin.sessions.revoke", "admin.user.disable", "admin.user.enable");
            await(() -> jmxEvents(lines(audit), target).equals(expected));
            for (String line : lines(audit)) {
                if (line.contains(target) && line.contains("\"jmx\"")) {
                    JsonObject json = Json.createReader(new StringReader(line)).readObject();
                    assertEquals("success", json.getString("outcome"));
                    assertTrue(json.isNull("userId") && json.isNull("ip"), line);
                }
            }
            // AUDIT_TARGET=both: the same lines in the server log, under the audit logger
            await(() -> lines(logs.resolve("server.log.0")).stream()
                            .filter(l -> l.contains("com.videoplatform.auth.audit") && l.contains(target))
                            .count()
                    >= expected.size());
        }
    }

    /** The events, in order, of the lines about the user that name the channel jmx. */
    private static List<String> jmxEvents(List<String> lines, String target) {
        return lines.stream()
                .filter(l -> l.contains(target))
                .map(l -> Json.createReader(new StringReader(l)).readObject())
                .filter(json -> "jmx".equals(json.getString("channel", null)))
                .map(json -> json.getString("event"))
                .toList();
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.json().getString("code"), reply::toString);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(100);
        }
    }
}
