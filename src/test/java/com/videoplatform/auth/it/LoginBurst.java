package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Logins sent as an attacker sends them: dozens at once, each on a thread of its own and all
 * released together, spread over the given nodes; and what the throttle must make of them: at most
 * the limit's worth of passwords checked (401), every other attempt 429 with Retry-After. Every
 * login carries the test's own client address in X-Forwarded-For, so a burst throttles no other test.
 */
final class LoginBurst implements AutoCloseable {

    /** The defaults of AUTH_LOGIN_MAX_FAILURES and AUTH_IP_MAX_FAILURES, which the servers under test keep. */
    static final int MAX_FAILURES = 5;

    /** A burst queues up to a hundred password hashes on a server that shares two cores with others. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final ExecutorService threads;
    private final List<Future<Reply>> replies = new ArrayList<>();

    private LoginBurst(List<Callable<Reply>> requests) throws InterruptedException {
        threads = Executors.newFixedThreadPool(requests.size());
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        for (Callable<Reply> request : requests) {
            replies.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return request.call();
            }));
        }
        ready.await();
        go.countDown();
    }

    /**
     * Forty wrong passwords for one mobile at once; while they are in flight (as soon as the server
     * has counted the limit's worth of attempts, or the first answer is back) the right password:
     * at most five passwords are checked, the rest are 429, and the right password does not log in.
     */
    static void assertGuessesForOneMobileAreCapped(List<Passport> nodes, String mobile, String ip) throws Exception {
        List<Callable<Reply>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Passport node = nodes.get(i % nodes.size());
            String password = "wrong password " + i;
            guesses.add(() -> login(node, mobile, password, ip));
        }
        String counter = "throttle:login:mobile:" + mobile;
        try (LoginBurst burst = new LoginBurst(guesses)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!burst.anyAnswered() && counted(nodes.get(0), counter) < MAX_FAILURES) {
                assertTrue(System.nanoTime() < deadline, "the burst was neither counted nor answered");
                Thread.sleep(2);
            }
            Reply right = nodes.get(nodes.size() - 1).tryLogin(mobile, PASSWORD, "X-Forwarded-For", ip);
            assertRefused(right);
            assertCapped(burst.replies(), MAX_FAILURES);
        }
    }

    /**
     * One and a half times {@code limit} (the servers' AUTH_IP_MAX_FAILURES) failed logins from one client
     * address at once, each for another unknown mobile: at most {@code limit} are checked.
     */
    static void assertFailuresFromOneIpAreCapped(List<Passport> nodes, String ip, int limit) throws Exception {
        List<Callable<Reply>> logins = new ArrayList<>();
        for (int i = 0; i < limit * 3 / 2; i++) {
            Passport node = nodes.get(i % nodes.size());
            String mobile = Passport.newMobile();
            logins.add(() -> login(node, mobile, "wrong password", ip));
        }
        try (LoginBurst burst = new LoginBurst(logins)) {
            assertCapped(burst.replies(), limit);
        }
    }

    /** Twenty password changes with a wrong current password at once, by the user's own token: at most five are checked. */
    static void assertWrongCurrentPasswordsAreCapped(Passport passport, String mobile, String ip) throws Exception {
        String token = passport.token(mobile);
        List<Callable<Reply>> changes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body =
                    Passport.json("currentPassword", "wrong password " + i, "newPassword", "another fine passphrase");
            changes.add(() -> passport.http.send(
                    PATIENCE,
                    "PUT",
                    "api/passport/password",
                    body,
                    "Authorization",
                    "Bearer " + token,
                    "X-Forwarded-For",
                    ip));
        }
        try (LoginBurst burst = new LoginBurst(changes)) {
            assertCapped(burst.replies(), MAX_FAILURES, 400, "VALIDATION_FAILED");
        }
        assertRefused(passport.tryLogin(mobile, PASSWORD, "X-Forwarded-For", ip));
    }

    private static Reply login(Passport node, String mobile, String password, String ip) {
        return node.http.send(
                PATIENCE,
                "POST",
                "api/passport/login",
                Passport.json("mobile", mobile, "password", password),
                "X-Forwarded-For",
                ip);
    }

    private static long counted(Passport passport, String key) {
        String value = passport.redis().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static void assertCapped(List<Reply> replies, int limit) {
        assertCapped(replies, limit, 401, "INVALID_CREDENTIALS");
    }

    /** At least one and at most {@code limit} replies say the password was checked and wrong; every other is 429. */
    private static void assertCapped(List<Reply> replies, int limit, int wrongStatus, String wrongCode) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        replies.forEach(reply -> statuses.merge(reply.status(), 1, Integer::sum));
        int checked = statuses.getOrDefault(wrongStatus, 0);
        assertTrue(
                checked >= 1 && checked <= limit,
                "passwords checked (" + wrongStatus + ") at most " + limit + ", the rest 429: " + statuses);
        for (Reply reply : replies) {
            if (reply.status() == wrongStatus) {
                assertEquals(wrongCode, reply.code());
            } else {
                assertRefused(reply);
            }
        }
    }

    private static void assertRefused(Reply reply) {
        assertEquals(429, reply.status(), reply::toString);
        assertEquals("TOO_MANY_ATTEMPTS", reply.code());
        assertTrue(Long.parseLong(reply.header("Retry-After").orElse("0")) > 0, reply.headers()::toString);
    }

    private boolean anyAnswered() {
        return replies.stream().anyMatch(Future::isDone);
    }

    private List<Reply> replies() throws Exception {
        List<Reply> all = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            all.add(reply.get(PATIENCE.toSeconds() + 10, TimeUnit.SECONDS));
        }
        return all;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
