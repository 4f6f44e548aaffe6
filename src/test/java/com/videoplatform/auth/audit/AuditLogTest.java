package com.videoplatform.auth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ClientInfo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void mobilesAreMasked() {
        assertEquals("138****0000", AuditLog.mask("13812340000"));
        assertEquals("****", AuditLog.mask("not-a-mobile"));
        assertEquals("****", AuditLog.mask("1381234000"));
        assertEquals(null, AuditLog.mask(null));
    }

    @Test
    void anEntryIsOneJsonObjectWithEveryField() {
        String line = AuditLog.failure("login", new ClientInfo("10.0.0.1", "curl/8", false))
                .mobile("13812340000")
                .reason("INVALID_CREDENTIALS")
                .toJson(Instant.parse("2026-01-01T00:00:00Z"));
        assertFalse(line.contains("\n"));
        JsonObject json = Json.createReader(new StringReader(line)).readObject();
        assertEquals("2026-01-01T00:00:00Z", json.getString("ts"));
        assertEquals("login", json.getString("event"));
        assertEquals("failure", json.getString("outcome"));
        assertEquals("138****0000", json.getString("mobile"));
        assertEquals("10.0.0.1", json.getString("ip"));
        assertEquals("curl/8", json.getString("userAgent"));
        assertEquals("INVALID_CREDENTIALS", json.getString("reason"));
        assertTrue(json.isNull("userId") && json.isNull("sessionId"));
    }

    @Test
    void theFileRotatesBySizeKeepingItsNameAndTheCount() throws Exception {
        Path file = dir.resolve("audit.log");
        RotatingFileHandler handler = new RotatingFileHandler(file, () -> 1024, () -> 2);
        for (int i = 0; i < 100; i++) {
            handler.publish(new LogRecord(Level.INFO, "line %03d %s".formatted(i, "x".repeat(50))));
        }
        handler.close();
        assertTrue(Files.size(file) <= 1024);
        assertTrue(Files.exists(dir.resolve("audit.log.1")));
        assertTrue(Files.exists(dir.resolve("audit.log.2")));
        assertFalse(Files.exists(dir.resolve("audit.log.3")));
        List<String> last = Files.readAllLines(file);
        assertTrue(last.get(last.size() - 1).startsWith("line 099"));
    }

    @Test
    void theLiveAndTheRotatedFilesAreTheOwnersOnly() throws Exception {
        RotatingFileHandler handler = new RotatingFileHandler(dir.resolve("audit.log"), () -> 1024, () -> 2);
        for (int i = 0; i < 50; i++) {
            handler.publish(new LogRecord(Level.INFO, "x".repeat(100)));
        }
        handler.close();
        for (String name : List.of("audit.log", "audit.log.1", "audit.log.2")) {
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
    }

    @Test
    void failedWritesAreReportedToTheErrorManagerNeverToTheCallerAndWritingResumes() throws Exception {
        Path file = dir.resolve("audit.log");
        Path blocker = dir.resolve("audit.log.2");
        // rotation must first drop the oldest file, audit.log.2; a non-empty directory there makes every rotation fail
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep"), "x");
        List<Integer> reported = new ArrayList<>();
        RotatingFileHandler handler = new RotatingFileHandler(file, () -> 1024, () -> 2);
        handler.setErrorManager(new ErrorManager() {
            @Override
            public synchronized void error(String msg, Exception ex, int code) {
                reported.add(code);
            }
        });
        String line = "x".repeat(600);
        for (int i = 0; i < 10; i++) {
            handler.publish(new LogRecord(Level.INFO, line)); // the first fits; each later one needs a rotation
        }
        assertEquals(9, reported.size(), "one report per failed write");
        assertTrue(reported.stream().allMatch(code -> code == ErrorManager.WRITE_FAILURE));
        assertEquals(List.of(line), Files.readAllLines(file), "nothing half-written");

        Files.delete(blocker.resolve("keep"));
        Files.delete(blocker);
        handler.publish(new LogRecord(Level.INFO, "after"));
        handler.close();
        assertEquals(9, reported.size(), "writing resumes once the obstacle is gone");
        assertEquals(List.of(line, "after"), Files.readAllLines(file));
    }

    @Test
    void theTargetSettingSendsLinesToTheFileTheServerLogOrBoth() throws Exception {
        Path file = dir.resolve("audit.log");
        List<String> serverLog = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                serverLog.add(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(AuditLog.SERVER_LOGGER);
        logger.addHandler(handler);
        try {
            for (String target : List.of("file", "server-log", "both")) {
                AuditLog log = new AuditLog();
                log.target = target;
                log.logDir = dir.toString();
                log.maxBytes = Setting.fixed(1 << 20);
                log.files = Setting.fixed(2);
                log.openTargets();
                log.publish("{\"event\":\"" + target + "\"}");
                log.closeTargets();
            }
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(List.of("{\"event\":\"file\"}", "{\"event\":\"both\"}"), Files.readAllLines(file));
        assertEquals(
                List.of(
                        AuditLog.SERVER_LOGGER + " INFO {\"event\":\"server-log\"}",
                        AuditLog.SERVER_LOGGER + " INFO {\"event\":\"both\"}"),
                serverLog);
    }

    @Test
    void anUnknownTargetIsRefused() {
        AuditLog log = new AuditLog();
        log.target = "syslog";
        InvalidSetting refused = assertThrows(InvalidSetting.class, log::openTargets);
        assertEquals("AUDIT_TARGET must be file, server-log or both", refused.getMessage());
    }

    @Test
    void anOperatorsEntryNamesItsChannelAndNoClient() {
        JsonObject json = Json.createReader(new StringReader(new AuditLog()
                        .operatorSuccess("admin.user.disable", "jmx")
                        .target("user:7")
                        .toJson(Instant.parse("2026-01-01T00:00:00Z"))))
                .readObject();
        assertEquals("jmx", json.getString("channel"));
        assertEquals("user:7", json.getString("target"));
        assertTrue(json.isNull("ip") && json.isNull("userId") && json.isNull("sessionId"));
    }
}
