package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The run command's zero-configuration defaults really serve, and expose nothing else: started by
 * the same script the README names, with no database and no Redis configured, it listens on its
 * HTTP port and a loopback Redis that wants a password, keeps its files to its own user, a user
 * and a token survive a restart, and Ctrl-C stops the server together with its embedded Redis. A
 * setting the service refuses ends the run command with one line that names it.
 */
class RunCommandIT {

    private final Path project = Path.of(System.getProperty("project.dir", "."));
    private final Path work = project.resolve("target/run-command-it");

    @Test
    void usersAndTokensSurviveARestartAndCtrlCStopsEverything() throws Exception {
        ServerProcess.deleteRecursively(work);
        int redisPort = ServerProcess.freePort();
        Path data = work.resolve("data");
        Path logs = work.resolve("logs");
        Map<String, String> env = Map.of(
                "DATA_DIR",
                data.toString(),
                "LOG_DIR",
                logs.toString(),
                "REDIS_EMBEDDED_PORT",
                Integer.toString(redisPort),
                "AUDIT_LOG_MAX_BYTES",
                "1024");
        String mobile;
        String token;
        String password;
        int httpPort;
        try (ServerProcess first = ServerProcess.start(project, work, "first", env)) {
            httpPort = first.base.getPort();
            HttpApi http = new HttpApi(first.base);
            // failed logins are audited: a few of them rotate the 1 KiB audit log
            for (int i = 0; i < 8; i++) {
                http.post(
                        "api/passport/login",
                        Passport.json("mobile", Passport.newMobile(), "password", "not the password " + i));
            }
            await(() -> Files.exists(logs.resolve("audit.log.1")));
            assertAll(
                    "what a default run exposes",
                    () -> assertEquals(
                            Set.of("tcp *:" + httpPort, "tcp 127.0.0.1:" + redisPort),
                            listening(first.process),
                            "listening sockets of the server and its children"),
                    () -> assertOwnerOnly(data, logs),
                    () -> assertRedisWantsItsPassword(data, redisPort));
            password = Passport.embeddedRedisPassword(data);
            try (Passport passport = new Passport(first.base, Passport.embeddedRedisUri(data, redisPort))) {
                mobile = passport.newUser();
                token = passport.token(mobile);
                assertEquals(
                        200,
                        passport.http
                                .get("api/passport/me", Passport.bearer(token))
                                .status());
            }
            assertTrue(Files.exists(data.resolve("video.mv.db")), "H2 file database in DATA_DIR");
            assertTrue(Files.exists(data.resolve("redis/appendonly.aof")), "embedded Redis data in DATA_DIR");
            first.interrupt();
        }
        assertFalse(listening(redisPort), "the embedded Redis stopped with the server");
        assertFalse(listening(httpPort));

        Map<String, String> admin = new HashMap<>(env);
        admin.put("AUTH_ADMIN_MOBILES", mobile);
        try (ServerProcess second = ServerProcess.start(project, work, "second", admin);
                Passport passport = new Passport(second.base, Passport.embeddedRedisUri(data, redisPort))) {
            assertEquals(password, Passport.embeddedRedisPassword(data), "the Redis password is made once and kept");
            assertEquals(
                    200,
                    passport.http.get("api/passport/me", Passport.bearer(token)).status(),
                    "a token issued before the restart");
            HttpApi.Reply login = passport.tryLogin(mobile, Passport.PASSWORD);
            assertEquals(200, login.status(), "a user registered before the restart");
            String roles = passport.http
                    .get("api/passport/me", Passport.bearer(login.json().getString("token")))
                    .json()
                    .getJsonArray("roles")
                    .toString();
            assertTrue(roles.contains("admin"), "AUTH_ADMIN_MOBILES grants admin at start: " + roles);
            // the defaults: HS256, whose key is never published, and no introspection clients
            HttpApi.Reply jwks = passport.http.get(".well-known/jwks.json");
            assertEquals(200, jwks.status());
            assertEquals("{\"keys\":[]}", jwks.body());
            HttpApi.Reply introspect = passport.http.post(
                    "api/passport/introspect",
                    "token=" + token,
                    "Content-Type",
                    "application/x-www-form-urlencoded",
                    "Authorization",
                    "Basic Y2F0YWxvZ3VlOmNhdGFsb2d1ZS1zZWNyZXQtMDEyMzQ1Njc4OQ==");
            assertEquals(404, introspect.status(), introspect::toString);
            assertEquals("NOT_FOUND", introspect.code());
            second.interrupt();
        }
        assertOwnerOnly(data, logs);
    }

    @Test
    void aSettingTheServiceRefusesEndsTheRunCommandWithOneLineNamingIt() throws Exception {
        Path refused = project.resolve("target/run-command-it-refused");
        ServerProcess.deleteRecursively(refused);
        int redisPort = ServerProcess.freePort();
        String secret = "refused-" + "x".repeat(23);
        try (ServerProcess server = ServerProcess.launch(
                project,
                refused,
                "short-key",
                Map.of("AUTH_JWT_SECRET", secret, "REDIS_EMBEDDED_PORT", Integer.toString(redisPort)))) {
            assertTrue(
                    server.process.waitFor(240, TimeUnit.SECONDS), "the run command ends by itself; see " + server.log);
            assertEquals(2, server.process.exitValue());
            List<String> output = Files.readAllLines(server.log);
            assertEquals(
                    "The service refused its configuration: AUTH_JWT_SECRET is too short: a key must be at least 32 bytes long,"
                            + " this one has 31",
                    output.get(output.size() - 1));
            assertTrue(output.stream().noneMatch(line -> line.contains(secret)), "the secret itself is never printed");
        }
        assertFalse(listening(redisPort), "no embedded Redis left behind");
    }

    @Test
    void withAManagementPortHealthMetricsAndOpenApiLeaveThePublicPort() throws Exception {
        Path dir = project.resolve("target/run-command-it-management");
        ServerProcess.deleteRecursively(dir);
        int managementPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(
                project,
                dir,
                "management",
                Map.of(
                        "MANAGEMENT_PORT",
                        Integer.toString(managementPort),
                        "REDIS_EMBEDDED_PORT",
                        Integer.toString(ServerProcess.freePort())))) {
            HttpApi publicPort = new HttpApi(server.base);
            HttpApi management = new HttpApi(URI.create("http://127.0.0.1:" + managementPort + "/"));
            ServerProcess.assertOperationsOnlyOn(management, publicPort);
            server.interrupt();
        }
    }

    /** Every file and folder under these directories is its owner's only: 0600 files, 0700 folders. */
    private static void assertOwnerOnly(Path... dirs) throws IOException {
        Set<String> seen = new TreeSet<>();
        Map<String, String> wrong = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.toList()) {
                    String mode;
                    try {
                        mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    } catch (NoSuchFileException gone) {
                        continue; // a lock or temporary file removed meanwhile
                    }
                    seen.add(path.toString());
                    if (!mode.equals(Files.isDirectory(path) ? "rwx------" : "rw-------")) {
                        wrong.put(path.toString(), mode);
                    }
                }
            }
        }
        assertTrue(seen.stream().anyMatch(p -> p.endsWith("audit.log.1")), "an audit rotation happened: " + seen);
        assertEquals(Map.of(), wrong, "files and folders readable by others");
    }

    private static void assertRedisWantsItsPassword(Path data, int port) throws IOException {
        assertEquals(List.of("-NOAUTH Authentication required."), redis(port, "GET captcha:any"));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("redis/password"))));
        List<String> replies =
                redis(port, "AUTH " + Passport.embeddedRedisPassword(data), "CONFIG SET dir /tmp", "PING");
        assertEquals("+OK", replies.get(0));
        assertTrue(replies.get(1).startsWith("-ERR unknown command"), replies::toString);
        assertEquals("+PONG", replies.get(2));
    }

    /** The first line of Redis's reply to each inline command, over a plain connection. */
    private static List<String> redis(int port, String... commands) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> replies = new ArrayList<>();
            for (String command : commands) {
                out.write(command + "\r\n");
                out.flush();
                replies.add(in.readLine());
            }
            return replies;
        }
    }

    /**
     * The TCP sockets in LISTEN and the unconnected UDP sockets of a process and its descendants,
     * as "tcp ADDRESS:PORT" or "udp ADDRESS:PORT" with * for any address: the kernel's socket
     * tables matched against the sockets among the processes' open files.
     */
    private static Set<String> listening(Process process) throws IOException {
        Set<String> inodes = new TreeSet<>();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle p : tree) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (NoSuchFileException closed) {
                        // closed while we looked
                    }
                }
            } catch (NoSuchFileException exited) {
                // a child that ended meanwhile
            }
        }
        Set<String> sockets = new TreeSet<>();
        Path net = Path.of("/proc", Long.toString(process.pid()), "net");
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(net.resolve(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String local = f[1];
                String remote = f[2];
                boolean open = table.startsWith("tcp") ? f[3].equals("0A") : remote.matches("0+:0000");
                if (open && inodes.contains(f[9])) {
                    int colon = local.indexOf(':');
                    sockets.add(table.substring(0, 3) + " " + address(local.substring(0, colon)) + ":"
                            + Integer.parseInt(local.substring(colon + 1), 16));
                }
            }
        }
        return sockets;
    }

    /** An address as /proc/net shows it (hex, in the kernel's byte order): * for any, else IPv4 loopback, ::1 or the hex. */
    private static String address(String hex) {
        if (hex.matches("0+")) {
            return "*";
        }
        if (hex.equals("0100007F") || hex.equals("0000000000000000FFFF00000100007F")) {
            return "127.0.0.1";
        }
        return hex.equals("00000000000000000000000001000000") ? "::1" : hex;
    }

    private static boolean listening(int port) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            return true;
        } catch (IOException e) {
            return false;
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
