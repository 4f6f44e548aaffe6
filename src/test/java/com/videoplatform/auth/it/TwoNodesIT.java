package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Scale-out: two servers, started by the README's script on loopback, sharing one Redis (a real
 * redis-server this test owns, so that it can stop it) and one database (the build's it.db.url,
 * else an H2 file both open in AUTO_SERVER mode). What one node does, the other sees at once; and
 * with Redis down, nothing is let through.
 */
class TwoNodesIT {

    static final String ADMIN = "13900000001";
    static final int IP_LIMIT = 30;
    static final Path PROJECT = Path.of(System.getProperty("project.dir", "."));
    static final Path WORK = PROJECT.resolve("target/two-nodes-it");

    static int redisPort;
    static RedisServer redis;
    /** Between the servers and a real database (not H2), so a test can take the database away. */
    static TcpProxy database;

    static ServerProcess a;
    static ServerProcess b;
    Passport onA;
    Passport onB;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("redis"));
        redisPort = ServerProcess.freePort();
        redis = redisServer();
        redis.start();
        String dbUrl = System.getProperty("it.db.url", "");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "REDIS_URI",
                redisUri(),
                "AUTH_JWT_SECRET",
                "two-nodes-share-this-secret-of-32-bytes-or-more",
                "AUTH_ADMIN_MOBILES",
                ADMIN,
                "CAPTCHA_PER_MINUTE",
                "100000",
                // a lower client-address limit keeps the burst test's concurrent password checks within what two
                // nodes on two cores hash before Redis commands time out
                "AUTH_IP_MAX_FAILURES",
                Integer.toString(IP_LIMIT),
                // so that a test can be a client address of its own
                "AUTH_TRUSTED_PROXIES",
                "127.0.0.1"));
        if (dbUrl.startsWith("jdbc:h2:") || dbUrl.isBlank()) {
            env.put("DB_URL", "jdbc:h2:file:" + WORK.toAbsolutePath().resolve("video") + ";AUTO_SERVER=TRUE");
            env.put("DB_USER", "sa");
        } else {
            var address = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(dbUrl);
            if (address.find()) {
                database = new TcpProxy(address.group(1), Integer.parseInt(address.group(2)));
                dbUrl = dbUrl.substring(0, address.start()) + "//127.0.0.1:" + database.port() + "/"
                        + dbUrl.substring(address.end());
            }
            env.put("DB_URL", dbUrl);
            // the nodes' own credentials, so a run can give them an empty password (which only the run script handles)
            env.put("DB_USER", System.getProperty("it.nodes.db.user", System.getenv("DB_USER")));
            env.put(
                    "DB_PASSWORD",
                    java.util.Objects.requireNonNullElse(System.getProperty("it.nodes.db.password"), ""));
        }
        // one after the other, so that the first creates the schema
        a = ServerProcess.start(PROJECT, WORK, "a", env);
        b = ServerProcess.start(PROJECT, WORK, "b", env);
    }

    @BeforeEach
    void connect() {
        onA = new Passport(a.base, redisUri());
        onB = new Passport(b.base, redisUri());
    }

    @AfterEach
    void disconnect() {
        onA.close();
        onB.close();
    }

    /** The shared Redis wants a password, so the password-in-URI form of REDIS_URI is exercised too. */
    static String redisUri() {
        return "redis://:two-nodes-redis-password@127.0.0.1:" + redisPort;
    }

    static RedisServer redisServer() throws Exception {
        return RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("requirepass two-nodes-redis-password")
                .setting("dir " + WORK.toAbsolutePath().resolve("redis"))
                .setting("appendonly yes")
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aTokenFromOneNodeWorksOnTheOther() {
        String mobile = onA.newUser();
        String token = onA.token(mobile);
        assertEquals(200, onB.http.get("api/passport/me", bearer(token)).status());
    }

    @Test
    void refreshAndLogoutOnOneNodeAreSeenByTheOtherAtOnce() {
        String mobile = onA.newUser();
        String token = onA.token(mobile);
        Reply refreshed = onB.http.post("api/passport/refresh", null, bearer(token));
        assertEquals(200, refreshed.status(), refreshed::toString);
        String fresh = refreshed.json().getString("token");
        assertEquals(
                "TOKEN_REVOKED", onA.http.get("api/passport/me", bearer(token)).code());
        assertEquals(200, onA.http.get("api/passport/me", bearer(fresh)).status());
        assertEquals(
                204, onB.http.post("api/passport/logout", null, bearer(fresh)).status());
        assertEquals(
                "TOKEN_REVOKED", onA.http.get("api/passport/me", bearer(fresh)).code());
    }

    @Test
    void anAdminRevocationOnOneNodeIsSeenByTheOther() {
        if (onB.tryLogin(ADMIN, PASSWORD).status() != 200) {
            onB.register(ADMIN);
        }
        String admin = onB.token(ADMIN);
        String mobile = onA.newUser();
        JsonObject login = onA.login(mobile);
        long userId = login.getJsonNumber("userId").longValue();
        assertEquals(
                204,
                onB.http
                        .delete("api/admin/users/" + userId + "/sessions", bearer(admin))
                        .status());
        assertEquals(
                "TOKEN_REVOKED",
                onA.http
                        .get("api/passport/me", bearer(login.getString("token")))
                        .code());
    }

    @Test
    void loginThrottlingCountsAcrossNodes() {
        String mobile = onA.newUser();
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? onA : onB).tryLogin(mobile, "wrong password " + i);
        }
        Reply locked = onA.tryLogin(mobile, PASSWORD);
        assertEquals(429, locked.status(), locked::toString);
        assertEquals(429, onB.tryLogin(mobile, PASSWORD).status());
        onA.redis().del("throttle:login:mobile:" + mobile);
    }

    @Test
    void aBurstOfGuessesSpreadOverBothNodesGetsAtMostTheLimitChecked() throws Exception {
        LoginBurst.assertGuessesForOneMobileAreCapped(List.of(onA, onB), onA.newUser(), Passport.newIp());
        LoginBurst.assertFailuresFromOneIpAreCapped(List.of(onA, onB), Passport.newIp(), IP_LIMIT);
    }

    /**
     * A request loop against both nodes while Redis is stopped and started again: every request sent
     * while Redis is down must be refused with 503 within 2 s, none let through, and the service
     * must recover by itself.
     */
    @Test
    void withRedisDownNothingIsLetThroughAndServiceRecoversByItself() throws Exception {
        String token = onA.token(onA.newUser());
        List<long[]> samples = new ArrayList<>(); // sentAt, status, millis
        long downFrom;
        long downUntil;
        HttpApi httpA = new HttpApi(a.base);
        HttpApi httpB = new HttpApi(b.base);
        loop(httpA, httpB, token, samples, 1_000);
        redis.stop();
        try {
            downFrom = System.nanoTime();
            loop(httpA, httpB, token, samples, 4_000);
            downUntil = System.nanoTime();
        } finally {
            // the other tests of the class need their Redis, whatever failed above
            redis.start();
        }
        long restarted = System.nanoTime();
        long recoveredAt = 0;
        while (System.nanoTime() - restarted < 30_000_000_000L) {
            Reply reply = httpA.get("api/passport/me", bearer(token));
            if (reply.status() == 200
                    && httpB.get("api/passport/me", bearer(token)).status() == 200) {
                recoveredAt = System.nanoTime();
                break;
            }
            Thread.sleep(50);
        }
        long letThrough = samples.stream()
                .filter(s -> s[0] >= downFrom && s[0] < downUntil && s[1] == 200)
                .count();
        long refused = samples.stream()
                .filter(s -> s[0] >= downFrom && s[0] < downUntil && s[1] == 503)
                .count();
        long during = samples.stream()
                .filter(s -> s[0] >= downFrom && s[0] < downUntil)
                .count();
        long slowest = samples.stream()
                .filter(s -> s[0] >= downFrom && s[0] < downUntil)
                .mapToLong(s -> s[2])
                .max()
                .orElse(0);
        String figures = String.format(
                "requests while Redis was down: %d, answered 503: %d, let through: %d, slowest answer: %d ms,"
                        + " recovered %d ms after Redis restarted%n",
                during, refused, letThrough, slowest, recoveredAt == 0 ? -1 : (recoveredAt - restarted) / 1_000_000);
        System.out.print("FAULT " + figures);
        Files.writeString(WORK.resolve("fault-figures.txt"), figures);
        assertEquals(0, letThrough, figures);
        assertEquals(during, refused, figures);
        assertTrue(during > 10, figures);
        assertTrue(slowest < 2_000, figures);
        assertTrue(recoveredAt > 0, figures);
    }

    /**
     * The same for the database (PostgreSQL or MariaDB runs only), with registrations running across
     * the cut: while it is unreachable, what needs it answers 503 at once, readiness is DOWN, both
     * nodes recover by themselves, and no registration is lost or half made.
     */
    @Test
    void withTheDatabaseDownRequestsAre503AndServiceRecoversByItself() throws Exception {
        Assumptions.assumeTrue(database != null, "needs a PostgreSQL or MariaDB it.db.url; H2 runs inside the server");
        String mobile = onA.newUser();
        String token = onA.token(mobile);
        HttpApi httpA = new HttpApi(a.base);
        HttpApi httpB = new HttpApi(b.base);
        Registrations registrations = new Registrations();
        Thread registering = new Thread(registrations, "registrations");
        registering.start();
        long slowest = 0;
        int refused = 0;
        try {
            registrations.awaitOutcomes(3, 0);
            database.cut();
            try {
                for (int i = 0; i < 20; i++) {
                    long sent = System.nanoTime();
                    Reply login = (i % 2 == 0 ? onA : onB).tryLogin(mobile, PASSWORD);
                    slowest = Math.max(slowest, (System.nanoTime() - sent) / 1_000_000);
                    assertEquals(503, login.status(), login::toString);
                    assertEquals("SERVICE_UNAVAILABLE", login.code());
                    assertTrue(login.header("Retry-After").isPresent());
                    refused++;
                }
                assertEquals(503, httpA.get("health/ready").status());
                assertEquals(
                        200, httpB.get("api/passport/me", bearer(token)).status(), "a session check needs no database");
                registrations.awaitOutcomes(0, 3);
            } finally {
                database.restore();
            }
            long restored = System.nanoTime();
            long recovered = 0;
            while (System.nanoTime() - restored < 60_000_000_000L) {
                if (onA.tryLogin(mobile, PASSWORD).status() == 200
                        && onB.tryLogin(mobile, PASSWORD).status() == 200) {
                    recovered = System.nanoTime();
                    break;
                }
                Thread.sleep(100);
            }
            registrations.awaitOutcomes(registrations.created.size() + 3, 0);
            String figures = String.format(
                    "logins while the database was down: %d, answered 503: %d, slowest answer: %d ms,"
                            + " recovered %d ms after it came back; registrations: %d created, %d refused%n",
                    refused,
                    refused,
                    slowest,
                    recovered == 0 ? -1 : (recovered - restored) / 1_000_000,
                    registrations.created.size(),
                    registrations.failed.size());
            System.out.print("DB FAULT " + figures);
            Files.writeString(WORK.resolve("db-fault-figures.txt"), figures);
            assertTrue(slowest < 2_000, figures);
            assertTrue(recovered > 0, figures);
            registrations.stop();
            registering.join();
            for (String created : registrations.created) {
                assertEquals(
                        200,
                        onB.tryLogin(created, PASSWORD).status(),
                        () -> "registered, so it must log in: " + created);
            }
            for (String failed : registrations.failed) {
                // an error reply may come after a commit, never with half a user: either the user is whole, or absent
                Reply again = onA.tryRegister(failed, PASSWORD, null);
                assertTrue(again.status() == 201 || again.status() == 409, again::toString);
                assertEquals(200, onA.tryLogin(failed, PASSWORD).status(), () -> "whole after all: " + failed);
            }
        } finally {
            registrations.stop();
            registering.join();
        }
    }

    /** Registers new users on node B one after another, sorting them by the answer. */
    private static final class Registrations implements Runnable {
        final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private final Passport client = new Passport(b.base, redisUri());

        @Override
        public void run() {
            try {
                while (running) {
                    String mobile = Passport.newMobile();
                    Reply reply = client.tryRegister(mobile, PASSWORD, null);
                    if (reply.status() == 201) {
                        created.add(mobile);
                    } else {
                        assertEquals(503, reply.status(), reply::toString);
                        failed.add(mobile);
                    }
                }
            } finally {
                client.close();
            }
        }

        /** Waits until at least so many registrations have been created and refused. */
        void awaitOutcomes(int createdAtLeast, int failedAtLeast) throws InterruptedException {
            long end = System.nanoTime() + 60_000_000_000L;
            while (created.size() < createdAtLeast || failed.size() < failedAtLeast) {
                assertTrue(
                        System.nanoTime() < end,
                        "registrations did not reach " + createdAtLeast + " created and " + failedAtLeast + " refused: "
                                + created.size() + ", " + failed.size());
                Thread.sleep(20);
            }
        }

        void stop() {
            running = false;
        }
    }

    private static void loop(HttpApi httpA, HttpApi httpB, String token, List<long[]> samples, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        int i = 0;
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            Reply reply = (i++ % 2 == 0 ? httpA : httpB).get("api/passport/me", bearer(token));
            if (reply.status() == 503) {
                assertEquals("SERVICE_UNAVAILABLE", reply.code());
                assertTrue(reply.header("Retry-After").isPresent());
            }
            samples.add(new long[] {sent, reply.status(), (System.nanoTime() - sent) / 1_000_000});
        }
    }
}
