package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static com.videoplatform.auth.it.Passport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import com.videoplatform.auth.token.KeyRing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * The attacker's suite: one test per attack of the hardening issue (RFC 8725, RFC 6750, OWASP ASVS
 * 5.0 level 2 for what we cover), each asserting the exact status and code of the contract. It
 * knows the server's development key (read from the test data directory), so forged tokens are
 * correctly signed and only the attacked property is wrong. Each test stands alone: the log check
 * sends its own passwords, tokens and captcha codes before it greps the server and audit logs.
 */
class AdversarialIT extends DeployedService {

    /** A logged-in user: its login reply. */
    private JsonObject victim() {
        return passport.login(passport.newUser());
    }

    private static String secret() throws IOException {
        return Files.readString(Path.of(System.getProperty("it.data.dir"), "jwt-secret"))
                .trim();
    }

    /** The claims the server would issue for this login, for a test to spoil one at a time. */
    private static JwtClaims claimsOf(JsonObject login) {
        String[] parts = login.getString("token").split("\\.");
        try {
            return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String forge(JwtClaims claims, Consumer<JsonWebSignature> header) throws Exception {
        String secret = secret();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(KeyRing.of(secret, List.of()).currentKid());
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        header.accept(jws);
        return jws.getCompactSerialization();
    }

    private Reply me(String token) {
        return http.get("api/passport/me", bearer(token));
    }

    private void assertInvalid(String token) {
        Reply reply = me(token);
        assertProblem(reply, 401, "TOKEN_INVALID");
        assertEquals(
                "Bearer realm=\"video\", error=\"invalid_token\"",
                reply.header("WWW-Authenticate").orElse(""));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theForgingHarnessIsRight() throws Exception {
        JsonObject login = victim();
        assertEquals(
                200,
                me(forge(claimsOf(login), jws -> {})).status(),
                "a correctly forged copy of a live token is accepted");
    }

    @Test
    void algNoneInAnyLetterCaseIsRejected() throws Exception {
        JsonObject login = victim();
        String payload = b64(claimsOf(login).toJson());
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\""
                    + KeyRing.of(secret(), List.of()).currentKid() + "\"}");
            assertInvalid(header + "." + payload + ".");
        }
    }

    @Test
    void otherAlgorithmsAreRejected() throws Exception {
        JsonObject login = victim();
        String doubled = secret() + secret();
        assertInvalid(forge(claimsOf(login), jws -> {
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA512);
            jws.setKey(new HmacKey(doubled.getBytes(StandardCharsets.UTF_8)));
        }));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var pair = rsa.generateKeyPair();
        assertInvalid(forge(claimsOf(login), jws -> {
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKey(pair.getPrivate());
        }));
    }

    @Test
    void embeddedOrRemoteKeysAreRejectedAndNeverFetched() throws Exception {
        JsonObject login = victim();
        try (ServerSocket trap = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/keys";
            assertInvalid(forge(claimsOf(login), jws -> jws.setHeader("jku", url)));
            assertInvalid(forge(claimsOf(login), jws -> jws.setHeader("x5u", url)));
            assertInvalid(forge(claimsOf(login), jws -> jws.getHeaders()
                    .setObjectHeaderValue(
                            "jwk",
                            java.util.Map.of("kty", "oct", "k", b64("attacker-key-attacker-key-attacker-key")))));
            trap.setSoTimeout(500);
            try {
                trap.accept().close();
                throw new AssertionError("the server made an outbound request for a key");
            } catch (SocketTimeoutException expected) {
                // nobody called
            }
        }
    }

    @Test
    void aKidIsLookedUpInOurRingOnly() throws Exception {
        JsonObject login = victim();
        for (String kid : List.of("../../../../etc/passwd", "' OR '1'='1", "jwt-secret", "")) {
            assertInvalid(forge(claimsOf(login), jws -> jws.setKeyIdHeaderValue(kid)));
        }
    }

    @Test
    void everyClaimIsChecked() throws Exception {
        JsonObject login = victim();
        long now = Instant.now().getEpochSecond();
        JwtClaims expired = claimsOf(login);
        expired.setIssuedAt(NumericDate.fromSeconds(now - 200));
        expired.setNotBefore(NumericDate.fromSeconds(now - 200));
        expired.setExpirationTime(NumericDate.fromSeconds(now - 100));
        assertProblem(me(forge(expired, jws -> {})), 401, "TOKEN_EXPIRED");

        JwtClaims early = claimsOf(login);
        early.setNotBefore(NumericDate.fromSeconds(now + 300));
        assertInvalid(forge(early, jws -> {}));

        JwtClaims issuer = claimsOf(login);
        issuer.setIssuer("evil");
        assertInvalid(forge(issuer, jws -> {}));

        JwtClaims audience = claimsOf(login);
        audience.setAudience("another-api");
        assertInvalid(forge(audience, jws -> {}));

        for (String claim : List.of("iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "login_time", "roles")) {
            JwtClaims missing = claimsOf(login);
            missing.unsetClaim(claim);
            assertInvalid(forge(missing, jws -> {}));
        }
    }

    @Test
    void aTokenMustMatchItsSessionItsUserAndItsCurrentJti() throws Exception {
        JsonObject login = victim();
        JsonObject other = victim();
        JwtClaims otherUser = claimsOf(login);
        otherUser.setSubject(String.valueOf(other.getJsonNumber("userId").longValue()));
        assertProblem(me(forge(otherUser, jws -> {})), 401, "TOKEN_REVOKED");

        JwtClaims staleJti = claimsOf(login);
        staleJti.setJwtId("not-the-current-one");
        assertProblem(me(forge(staleJti, jws -> {})), 401, "TOKEN_REVOKED");

        JwtClaims unknownSession = claimsOf(login);
        unknownSession.setClaim("sid", "no-such-session");
        assertProblem(me(forge(unknownSession, jws -> {})), 401, "TOKEN_REVOKED");

        JwtClaims escalated = claimsOf(login);
        escalated.setStringListClaim("roles", List.of("user", "admin"));
        String forged = forge(escalated, jws -> {});
        assertEquals(200, me(forged).status(), "a token signed with the real key is the server's own");
        assertProblem(http.get("api/admin/users", bearer(login.getString("token"))), 403, "FORBIDDEN");
    }

    @Test
    void malformedTokensAreInvalidNeverAServerError() throws Exception {
        JsonObject login = victim();
        String token = login.getString("token");
        String[] parts = token.split("\\.");
        List<String> bad = new ArrayList<>(List.of(
                parts[0] + "." + parts[1],
                token + "." + parts[2],
                parts[0] + ".!!!." + parts[2],
                parts[0] + "." + parts[1] + ".***",
                "{\"payload\":\"" + parts[1] + "\",\"signatures\":[{\"protected\":\"" + parts[0] + "\",\"signature\":\""
                        + parts[2] + "\"}]}",
                b64("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(3000) + "\"}") + "." + parts[1] + "." + parts[2],
                b64("not json") + "." + parts[1] + "." + parts[2],
                b64("[1,2,3]") + "." + b64("[]") + "." + parts[2]));
        for (String t : bad) {
            assertInvalid(t);
        }
    }

    @Test
    void onlyTheCanonicalSpellingOfATokenIsAToken() throws Exception {
        JwtClaims claims = claimsOf(victim());
        String token = forge(claims, jws -> {});
        // a harmless extra claim varied until the token holds a '-' or '_', which the standard alphabet spells
        // otherwise
        for (int i = 0; !token.matches(".*[-_].*"); i++) {
            claims.setClaim("n", i);
            token = forge(claims, jws -> {});
        }
        assertEquals(200, me(token).status());
        String[] parts = token.split("\\.");
        String signature = parts[2];
        List<String> respellings = List.of(
                token.replace('-', '+').replace('_', '/'),
                padded(parts[0]) + "." + padded(parts[1]) + "." + padded(signature),
                parts[0] + "." + parts[1] + "." + signature + "=",
                // an HS256 signature is 32 bytes, 43 characters: the last one carries 4 bits and 2 that must be 0
                parts[0] + "." + parts[1] + "." + signature.substring(0, 42)
                        + B64URL.charAt(B64URL.indexOf(signature.charAt(42)) | 1),
                parts[0] + "." + parts[1].substring(0, 8) + " " + parts[1].substring(8) + "." + signature);
        for (String respelled : respellings) {
            assertInvalid(respelled);
            assertInvalid(respelled);
        }
        assertEquals(200, me(token).status());
    }

    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static String padded(String segment) {
        return segment + "=".repeat((4 - segment.length() % 4) % 4);
    }

    @Test
    void withinTheClockSkewAfterExpTheSessionAgreesAndBeyondItTheTokenIsExpired() throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObject login = victim();
        assertEquals(
                200,
                me(expiredAt(login, now - 10)).status(),
                "10 s after exp is within the 30 s skew, for the session too");
        Reply refreshed = http.post("api/passport/refresh", null, bearer(expiredAt(login, now - 10)));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(200, me(refreshed.json().getString("token")).status());

        JsonObject other = victim();
        assertProblem(me(expiredAt(other, now - 40)), 401, "TOKEN_EXPIRED");
    }

    /** The login's token as if it expired at {@code exp}, and its session as that token's expiry left it. */
    private String expiredAt(JsonObject login, long exp) throws Exception {
        String key = "sess:" + login.getJsonNumber("userId").longValue();
        String field = "s:" + login.getString("sessionId");
        String[] current = passport.redis().hget(key, field).split(" "); // jti, exp, created
        passport.redis().hset(key, field, current[0] + " " + exp + " " + current[2]);
        JwtClaims claims = claimsOf(login);
        claims.setIssuedAt(NumericDate.fromSeconds(exp - 600));
        claims.setNotBefore(NumericDate.fromSeconds(exp - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        return forge(claims, jws -> {});
    }

    @Test
    void everyLoginGetsAFreshUnguessableSessionAndToken() {
        String mobile = passport.newUser();
        Set<String> sessions = new java.util.HashSet<>();
        Set<String> jtis = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonObject login = passport.login(mobile);
            sessions.add(login.getString("sessionId"));
            jtis.add(claimsOf(login).getClaimValueAsString("jti"));
            assertTrue(Base64.getUrlDecoder().decode(login.getString("sessionId")).length >= 16, "128 bits at least");
        }
        assertEquals(3, sessions.size());
        assertEquals(3, jtis.size());
    }

    @Test
    void aTokenIsDeadTheMomentItsSessionEnds() {
        JsonObject login = victim();
        String token = login.getString("token");
        assertEquals(204, http.post("api/passport/logout", null, bearer(token)).status());
        assertProblem(me(token), 401, "TOKEN_REVOKED");
        assertProblem(http.post("api/passport/refresh", null, bearer(token)), 401, "TOKEN_REVOKED");
        Reply again = http.post("api/passport/logout", null, bearer(token));
        assertProblem(again, 401, "TOKEN_REVOKED");
        assertTrue(
                again.cookies().stream()
                        .noneMatch(c -> c.startsWith("access_token=") && !c.startsWith("access_token=;")),
                "no new token on a logout");
    }

    @Test
    void passwordsAreCheckedExactlyAsSent() {
        String mobile = Passport.newMobile();
        String password = "  Spaces Count Here  ";
        assertEquals(201, passport.tryRegister(mobile, password, null).status());
        assertProblem(passport.tryLogin(mobile, password.strip()), 401, "INVALID_CREDENTIALS");
        assertProblem(passport.tryLogin(mobile, password.toLowerCase()), 401, "INVALID_CREDENTIALS");
        assertEquals(200, passport.tryLogin(mobile, password).status());
        for (String common : List.of("password", "iloveyou", "Qwerty123", "1q2w3e4r")) {
            Reply reply = passport.tryRegister(Passport.newMobile(), common, null);
            assertProblem(reply, 400, "VALIDATION_FAILED");
        }
    }

    @Test
    void unknownMobileWrongPasswordAnswerAlikeInStatusBodyAndTime() {
        List<String> mobiles = List.of(passport.newUser(), passport.newUser(), passport.newUser(), passport.newUser());
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        List<Long> malformed = new ArrayList<>();
        String body = null;
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            Reply w = passport.tryLogin(mobiles.get(round), "a wrong password!");
            wrong.add(System.nanoTime() - t0);
            t0 = System.nanoTime();
            Reply u = passport.tryLogin(Passport.newMobile(), "a wrong password!");
            unknown.add(System.nanoTime() - t0);
            t0 = System.nanoTime();
            Reply m = passport.tryLogin("not a mobile " + round, "a wrong password!");
            malformed.add(System.nanoTime() - t0);
            for (Reply reply : List.of(w, u, m)) {
                assertProblem(reply, 401, "INVALID_CREDENTIALS");
                assertEquals(w.body(), reply.body());
                assertEquals(w.headers().map().keySet(), reply.headers().map().keySet());
            }
            body = w.body();
        }
        long w = median(wrong);
        long u = median(unknown);
        long m = median(malformed);
        // all are dominated by one PBKDF2 verification; an early return for unknown mobiles would be ~100 times faster
        String times = "median wrong " + w / 1_000_000 + " ms, unknown " + u / 1_000_000 + " ms, malformed "
                + m / 1_000_000 + " ms";
        assertTrue(u > w / 2 && u < w * 2, times);
        assertTrue(m > w / 2 && m < w * 2, times);
        assertTrue(body.contains("INVALID_CREDENTIALS"));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void theLockoutHoldsForTheRightPasswordAndEndsWithItsWindow() throws Exception {
        String mobile = passport.newUser();
        for (int i = 0; i < 5; i++) {
            passport.tryLogin(mobile, "wrong " + i);
        }
        Reply locked = passport.tryLogin(mobile, PASSWORD);
        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        long retry = Long.parseLong(locked.header("Retry-After").orElseThrow());
        long ttl = passport.redis().ttl("throttle:login:mobile:" + mobile);
        assertTrue(Math.abs(retry - ttl) <= 2 && ttl <= 900, "the lock lasts the window: " + retry + " vs " + ttl);
        assertProblem(passport.tryLogin(mobile, "wrong again"), 429, "TOO_MANY_ATTEMPTS");
        assertEquals(
                ttl,
                passport.redis().ttl("throttle:login:mobile:" + mobile),
                2,
                "attempts while locked do not extend the lock");
    }

    @Test
    void aBurstOfGuessesForOneMobileGetsAtMostTheLimitChecked() throws Exception {
        LoginBurst.assertGuessesForOneMobileAreCapped(List.of(passport), passport.newUser(), Passport.newIp());
    }

    @Test
    void aBurstOfFailuresFromOneIpGetsAtMostTheLimitChecked() throws Exception {
        LoginBurst.assertFailuresFromOneIpAreCapped(
                List.of(passport), Passport.newIp(), Integer.getInteger("it.ip.limit"));
    }

    @Test
    void aMalformedMobileIsAnUnknownOneCountedAgainstTheIpOnly() {
        String ip = Passport.newIp();
        String mobile = Passport.newMobile(); // so that no earlier run on the same Redis left a counter for these
        List<String> malformed = List.of(
                mobile + "0".repeat(60_000),
                "not-a-mobile " + mobile,
                "+86" + mobile,
                mobile.substring(0, 10) + "\uFF10",
                mobile + "\n");
        for (String spelling : malformed) {
            assertProblem(
                    passport.tryLogin(spelling, "whatever it is", "X-Forwarded-For", ip), 401, "INVALID_CREDENTIALS");
            assertEquals(0, passport.redis().exists("throttle:login:mobile:" + spelling), "no per-mobile counter");
        }
        assertEquals(String.valueOf(malformed.size()), passport.redis().get("throttle:login:ip:" + ip));
    }

    @Test
    void captchasAreRateLimitedPerIp() {
        passport.redis().setex("throttle:captcha:127.0.0.1", 60, "120");
        try {
            Reply refused = http.get("api/passport/captcha");
            assertProblem(refused, 429, "TOO_MANY_ATTEMPTS");
            assertTrue(refused.header("Retry-After").isPresent());
        } finally {
            passport.redis().del("throttle:captcha:127.0.0.1");
        }
        assertEquals(200, http.get("api/passport/captcha").status());
    }

    @Test
    void aCaptchaCannotBeReplayedOrGuessedTwice() {
        String[] captcha = passport.captcha();
        String mobile = Passport.newMobile();
        assertProblem(
                http.post(
                        "api/passport/register",
                        json("mobile", mobile, "password", PASSWORD, "captchaId", captcha[0], "captchaCode", "WRONG")),
                400,
                "CAPTCHA_INVALID");
        assertProblem(
                http.post(
                        "api/passport/register",
                        json(
                                "mobile",
                                mobile,
                                "password",
                                PASSWORD,
                                "captchaId",
                                captcha[0],
                                "captchaCode",
                                captcha[1])),
                400,
                "CAPTCHA_INVALID");
        assertProblem(
                http.post(
                        "api/passport/register",
                        json("mobile", mobile, "password", PASSWORD, "captchaId", "../../etc", "captchaCode", "x")),
                400,
                "CAPTCHA_INVALID");
    }

    @Test
    void cookiesAreSecureBehindATrustedHttpsProxy() {
        String mobile = passport.newUser();
        Reply login = http.post(
                "api/passport/login",
                json("mobile", mobile, "password", PASSWORD, "cookie", true),
                "X-Forwarded-Proto",
                "https");
        assertEquals(200, login.status());
        for (String cookie : login.cookies()) {
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            assertTrue(cookie.length() < 4096, "cookie size");
        }
    }

    @Test
    void cookieAuthenticatedWritesNeedTheCsrfHeader() {
        String mobile = passport.newUser();
        Reply login = http.post("api/passport/login", json("mobile", mobile, "password", PASSWORD, "cookie", true));
        String token = login.json().getString("token");
        String cookie = "access_token=" + token;
        assertProblem(
                http.post(
                        "api/videos",
                        json("title", "t", "durationSeconds", 1, "url", "https://e.com"),
                        "Cookie",
                        cookie),
                403,
                "CSRF_INVALID");
        assertProblem(
                http.post("api/passport/logout", null, "Cookie", cookie, "X-CSRF-Token", ""), 403, "CSRF_INVALID");
        assertProblem(
                http.delete("api/passport/sessions/x", "Cookie", cookie + "; csrf_token=a", "X-CSRF-Token", "b"),
                403,
                "CSRF_INVALID");
        assertEquals(200, http.get("api/passport/me", "Cookie", cookie).status(), "safe methods need no CSRF header");
    }

    @Test
    void hostileBodiesAreRefusedCleanly() {
        String token = victim().getString("token");
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        assertProblem(http.post("api/videos", deep, bearer(token)), 400, "VALIDATION_FAILED");
        String deepObject = "{\"title\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        assertProblem(http.post("api/videos", deepObject, bearer(token)), 400, "VALIDATION_FAILED");
        assertProblem(
                http.post(
                        "api/videos",
                        json("title", "t".repeat(60_000), "durationSeconds", 1, "url", "https://e.com"),
                        bearer(token)),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                http.post(
                        "api/videos",
                        "{\"title\":\"t\",\"durationSeconds\":1e999999,\"url\":\"https://e.com\"}",
                        bearer(token)),
                400,
                "VALIDATION_FAILED");
        assertProblem(http.post("api/passport/login", "x".repeat(70_000)), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void textFieldsTakeUnicodeAndSqlAsPlainTextAndRefuseControlCharacters() {
        String token = victim().getString("token");
        String sql = "Robert'); DROP TABLE video;-- 🎬 \u202Eevil";
        Reply created = http.post(
                "api/videos",
                json(
                        "title",
                        sql,
                        "description",
                        "tab\tnew\nline\r\n",
                        "durationSeconds",
                        5,
                        "url",
                        "https://example.com/?q='OR'1'='1",
                        "unknownField",
                        "ignored"),
                bearer(token));
        assertEquals(201, created.status(), created::toString);
        JsonObject video = http.get("api/videos/" + created.json().getJsonNumber("id"), bearer(token))
                .json();
        assertEquals(sql, video.getString("title"));
        assertEquals("tab\tnew\nline\r\n", video.getString("description"));
        assertEquals(200, http.get("api/videos?size=1").status(), "the table is still there");
        Reply nul = http.post(
                "api/videos",
                json("title", "t", "description", "a\u0000b", "durationSeconds", 5, "url", "https://e.com"),
                bearer(token));
        assertProblem(nul, 400, "VALIDATION_FAILED");
        assertEquals(List.of("description"), fields(nul));
        assertEquals(
                List.of("title"),
                fields(http.post(
                        "api/videos",
                        json("title", "bell\u0007", "durationSeconds", 5, "url", "https://e.com"),
                        bearer(token))));
        assertEquals(List.of("nickname"), fields(passport.tryRegister(Passport.newMobile(), PASSWORD, "a\u0000b")));
    }

    @Test
    void responsesNameNoServerAndCarryNoStore() {
        for (Reply reply : List.of(
                http.get("api/ping"),
                http.get("api/nothing"),
                http.get("api/passport/captcha"),
                passport.tryLogin("13800000000", "whatever it is"))) {
            assertTrue(reply.header("Server").isEmpty(), reply.headers().toString());
            assertTrue(reply.header("X-Powered-By").isEmpty(), reply.headers().toString());
        }
        String mobile = passport.newUser();
        Reply login = passport.tryLogin(mobile, PASSWORD);
        assertEquals("no-store", login.header("Cache-Control").orElse(""));
        assertEquals(
                "no-store",
                me(login.json().getString("token")).header("Cache-Control").orElse(""));
    }

    /** The fields of a VALIDATION_FAILED reply, in the order the body named them. */
    private static List<String> refusedOn(Reply reply) {
        assertProblem(reply, 400, "VALIDATION_FAILED");
        return fields(reply);
    }

    private String adminToken() {
        String admin = "13900000000";
        if (passport.tryLogin(admin, PASSWORD).status() != 200) {
            passport.register(admin);
        }
        return passport.token(admin);
    }

    @Test
    void jsonOfTheWrongTypeOrWithContentAfterItIsRefusedOnItsProperty() {
        String[] auth = bearer(victim().getString("token"));
        String url = "\"url\":\"https://cdn.example.com/v/1\"";
        assertEquals(
                List.of("title", "durationSeconds"),
                refusedOn(http.post(
                        "api/videos", "{\"title\":[\"<b>x</b>\",\"y\"],\"durationSeconds\":1.9," + url + "}", auth)));
        assertEquals(
                List.of("durationSeconds"),
                refusedOn(http.post("api/videos", "{\"title\":\"t\",\"durationSeconds\":\"10\"," + url + "}", auth)));
        assertEquals(
                List.of("url"),
                refusedOn(http.post("api/videos", "{\"title\":\"t\",\"durationSeconds\":10,\"url\":7}", auth)));
        assertEquals(
                List.of("body"),
                refusedOn(http.post("api/videos", "{\"title\":\"t\",\"durationSeconds\":10," + url + "} xyz", auth)));

        // unknown properties (ids, owner, times) are still ignored, and null is still a value
        Reply created = http.post(
                "api/videos",
                "{\"id\":[1],\"ownerId\":\"me\",\"createdAt\":{},\"title\":\"t\",\"description\":null,"
                        + "\"durationSeconds\":10," + url + "} \r\n",
                auth);
        assertEquals(201, created.status(), created::toString);
        assertEquals(10, created.json().getInt("durationSeconds"));
        String video = "api/videos/" + created.json().getJsonNumber("id");
        assertEquals(
                List.of("title"),
                refusedOn(http.put(video, "{\"title\":{\"b\":\"x\"},\"durationSeconds\":10," + url + "}", auth)));

        // a register body names a captcha, which is used up and, being wrong, reported beside the mistyped field
        String mobile = Passport.newMobile();
        assertEquals(
                List.of("mobile", "captchaCode"),
                refusedOn(http.post(
                        "api/passport/register",
                        "{\"mobile\":" + mobile + ",\"password\":\"" + PASSWORD
                                + "\",\"captchaId\":\"x\",\"captchaCode\":\"y\"}")));
        assertEquals(
                List.of("cookie"),
                refusedOn(http.post(
                        "api/passport/login",
                        json("mobile", mobile, "password", PASSWORD).replace("}", ",\"cookie\":\"yes\"}"))));
        assertEquals(
                List.of("password"),
                refusedOn(http.post("api/passport/login", "{\"mobile\":\"" + mobile + "\",\"password\":[\"x\"]}")));
        assertEquals(
                List.of("body"),
                refusedOn(http.post("api/passport/login", json("mobile", mobile, "password", PASSWORD) + " {}")));
        assertEquals(
                List.of("currentPassword"),
                refusedOn(http.put(
                        "api/passport/password",
                        "{\"currentPassword\":[\"" + PASSWORD + "\"],\"newPassword\":\"another good password\"}",
                        auth)));

        String admin = adminToken();
        long user = passport.register(Passport.newMobile());
        String roles = "api/admin/users/" + user + "/roles";
        assertEquals(List.of("roles"), refusedOn(http.put(roles, "{\"roles\":\"admin\"}", bearer(admin))));
        assertEquals(List.of("roles"), refusedOn(http.put(roles, "{\"roles\":[\"user\",1]}", bearer(admin))));
        assertEquals(
                200, http.put(roles, "{\"roles\":[\"user\"]}", bearer(admin)).status());
    }

    private static void assertSecurityHeaders(Reply reply) {
        assertTrue(
                reply.header("Content-Security-Policy").orElse("").contains("default-src 'self'"),
                reply.headers()::toString);
        assertEquals("nosniff", reply.header("X-Content-Type-Options").orElse(""), reply.headers()::toString);
        assertEquals("DENY", reply.header("X-Frame-Options").orElse(""), reply.headers()::toString);
    }

    @Test
    void noWadlAndNoHtmlErrorPageAnywhere() {
        assertProblem(http.get("api/application.wadl"), 404, "NOT_FOUND");
        assertProblem(http.get("openapi/application.wadl"), 404, "NOT_FOUND");
        Reply options = http.send("OPTIONS", "api/ping", null);
        assertEquals(200, options.status(), options::toString);
        assertTrue(options.header("Allow").orElse("").contains("GET"), options.headers()::toString);
        assertFalse(
                options.header("Content-Type").orElse("").contains("wadl")
                        || options.body().contains("jersey"),
                options::toString);

        for (String path : List.of(
                "nothing-here",
                "nothing/here.html",
                "WEB-INF/web.xml",
                "WEB-INF/beans.xml",
                "META-INF/MANIFEST.MF",
                "metrics/nothing-here")) {
            Reply reply = http.get(path);
            assertProblem(reply, 404, "NOT_FOUND");
            assertSecurityHeaders(reply);
        }
        Reply badType = http.post("api/passport/login", "{}", "Content-Type", ";;;===");
        assertProblem(badType, 400, "VALIDATION_FAILED");
        assertSecurityHeaders(badType);

        for (String path : List.of("api/ping", "", "index.html")) {
            Reply trace = http.send("TRACE", path, null, "Cookie", "access_token=secret-cookie");
            assertProblem(trace, 405, "METHOD_NOT_ALLOWED");
            assertTrue(trace.header("Allow").orElse("").contains("GET"), trace.headers()::toString);
            assertFalse(trace.body().contains("secret-cookie"), "a TRACE is never echoed");
        }
        Reply post = http.post("index.html", "{}");
        assertProblem(post, 405, "METHOD_NOT_ALLOWED");
        assertTrue(post.header("Allow").orElse("").contains("GET"), post.headers()::toString);

        Reply large = http.get("api/ping", "X-Padding", "a".repeat(10_000));
        assertProblem(large, 431, "HEADERS_TOO_LARGE");
        assertSecurityHeaders(large);
        assertEquals(
                200, http.get("api/ping", "X-Padding", "a".repeat(7_000)).status(), "headers under 8 KiB are fine");

        Reply page = http.get("");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.headers()::toString);
        assertSecurityHeaders(page);
        assertEquals(200, http.get("app.js").status());
        assertEquals(200, http.get("app.css").status());
    }

    record RawReply(int status, String head, String body) {
        @Override
        public String toString() {
            return head + "\n\n" + body;
        }
    }

    /** One request as written, on its own connection: for what the Java client would not send or would normalise. */
    private RawReply raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = reply.indexOf("\r\n\r\n");
            String head = end < 0 ? reply : reply.substring(0, end);
            return new RawReply(Integer.parseInt(head.split(" ")[1]), head, end < 0 ? "" : reply.substring(end + 4));
        }
    }

    /** The server's current log file (LOG_DIR/server.log.N). */
    private static Path serverLog() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("it.log.dir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.log")
                            && !f.toString().endsWith(".lck"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .orElseThrow();
        }
    }

    /**
     * The lines (blank ones aside) the server logs while {@code requests} run, once {@code logger} has logged as many
     * records as they return: Grizzly may log after it has answered.
     */
    private List<String> logLinesDuring(String logger, Callable<Integer> requests) throws Exception {
        assertEquals(200, http.get("api/ping").status(), "the one-time lines of a first request are out of the way");
        Path log = serverLog();
        int before = Files.readAllLines(log, StandardCharsets.ISO_8859_1).size();
        int records = requests.call();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<String> added = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .skip(before)
                    .filter(line -> !line.isBlank())
                    .toList();
            if (added.stream().filter(line -> line.contains("[" + logger + "]")).count() >= records) {
                return added;
            }
            assertTrue(System.nanoTime() < deadline, "no log records of " + logger + ":\n" + String.join("\n", added));
            Thread.sleep(50);
        }
    }

    private static void assertOneLineEachAtMost(List<String> lines, int requests) {
        assertTrue(lines.size() <= requests, "at most one line a request:\n" + String.join("\n", lines));
        assertTrue(
                lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace:\n" + String.join("\n", lines));
    }

    @Test
    void pathsGrizzlyCannotDecodeLeaveOneLogLineEachAndNoStackTrace() throws Exception {
        // the long ones are longer than any path the server has seen, so that Grizzly's buffer for the decoded path is
        // new and exactly the path's length: the one that fails
        List<String> paths = List.of(
                "/api/passport/sessions/..",
                "/api/passport/sessions/.",
                "/api/%zz",
                "/api/passport/sessions/" + "a".repeat(3000) + "/..",
                "/api/passport/sessions/" + "a".repeat(3001) + "/.");
        List<String> logged = logLinesDuring("jakarta.enterprise.web.core", () -> {
            int failed = 0;
            for (String path : paths) {
                RawReply reply = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                // where Grizzly fails, the container answers 200 with nothing (no way around it in the application);
                // where it copes (it depends on the buffers the server's earlier requests left), the application
                // answers
                // the normalised path: unknown, or a session's, which takes no GET
                boolean coped = reply.status() >= 400
                        && reply.status() < 500
                        && reply.head().contains("application/problem+json");
                assertTrue(coped || reply.status() == 200 && reply.body().isEmpty(), reply::toString);
                failed += coped ? 0 : 1;
            }
            assertTrue(failed > 0, "Grizzly decodes these paths now: RequestFaultLog's rule for them can go");
            return failed;
        });
        assertOneLineEachAtMost(logged, paths.size());
    }

    @Test
    void aBrokenChunkedBodyLeavesOneLogLineAndNoStackTrace() throws Exception {
        List<String> logged = logLinesDuring("org.glassfish.grizzly.filterchain.DefaultFilterChain", () -> {
            for (int i = 0; i < 3; i++) {
                RawReply reply =
                        raw("POST /api/passport/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
                assertEquals(400, reply.status(), reply::toString);
            }
            return 3;
        });
        assertOneLineEachAtMost(logged, 3);
    }

    /** The log files in LOG_DIR (the server's and the audit log, rotated ones included) and their lengths now. */
    private static Map<Path, Long> logFiles() throws IOException {
        Path logs = Path.of(System.getProperty("it.log.dir"));
        try (var list = Files.list(logs)) {
            Map<Path, Long> files = new HashMap<>();
            for (Path file : list.filter(
                            f -> Files.isRegularFile(f) && !f.toString().endsWith(".lck"))
                    .toList()) {
                files.put(file, Files.size(file));
            }
            return files;
        }
    }

    @Test
    void noPasswordTokenOrCaptchaCodeSentToTheServiceAppearsInAnyLog() throws Exception {
        Map<Path, Long> before = logFiles();
        String nonce = UUID.randomUUID().toString();
        // this test's audit lines are those with its user agent
        String agent = "log-leak-check " + nonce;
        String[] ua = {"User-Agent", agent};
        String mobile = Passport.newMobile();
        String password = "first passphrase " + nonce;
        String wrong = "wrong passphrase " + nonce;
        String changed = "second passphrase " + nonce;
        String guess = "captcha guess " + nonce;
        // and the password every other test registers with
        List<String> secrets = new ArrayList<>(List.of(password, wrong, changed, guess, PASSWORD));

        String[] captcha = passport.captcha();
        assertProblem(
                http.post(
                        "api/passport/register",
                        json("mobile", mobile, "password", password, "captchaId", captcha[0], "captchaCode", guess),
                        ua),
                400,
                "CAPTCHA_INVALID");
        captcha = passport.captcha();
        String code = captcha[1];
        Reply registered = http.post(
                "api/passport/register",
                json("mobile", mobile, "password", password, "captchaId", captcha[0], "captchaCode", code),
                ua);
        assertEquals(201, registered.status(), registered::toString);

        assertProblem(passport.tryLogin(mobile, wrong, ua), 401, "INVALID_CREDENTIALS");
        Reply login = passport.tryLogin(mobile, password, ua);
        assertEquals(200, login.status(), login::toString);
        String first = login.json().getString("token");

        Reply cookieLogin =
                http.post("api/passport/login", json("mobile", mobile, "password", password, "cookie", true), ua);
        assertEquals(200, cookieLogin.status(), cookieLogin::toString);
        String cookie = cookieLogin.cookies().stream()
                .filter(c -> c.startsWith("access_token="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        assertEquals(
                200, http.get("api/passport/me", "Cookie", cookie, ua[0], ua[1]).status());
        assertProblem(http.post("api/passport/refresh", null, "Cookie", cookie, ua[0], ua[1]), 403, "CSRF_INVALID");

        Reply refreshed = http.post("api/passport/refresh", null, "Authorization", "Bearer " + first, ua[0], ua[1]);
        assertEquals(200, refreshed.status(), refreshed::toString);
        String current = refreshed.json().getString("token");
        assertProblem(
                http.get("api/passport/me", "Authorization", "Bearer " + first, ua[0], ua[1]), 401, "TOKEN_REVOKED");

        JwtClaims forged = claimsOf(refreshed.json());
        forged.setIssuer("evil");
        String forgedToken = forge(forged, jws -> {});
        assertProblem(
                http.get("api/passport/me", "Authorization", "Bearer " + forgedToken, ua[0], ua[1]),
                401,
                "TOKEN_INVALID");
        JwtClaims expired = claimsOf(refreshed.json());
        long now = Instant.now().getEpochSecond();
        expired.setIssuedAt(NumericDate.fromSeconds(now - 200));
        expired.setNotBefore(NumericDate.fromSeconds(now - 200));
        expired.setExpirationTime(NumericDate.fromSeconds(now - 100));
        String expiredToken = forge(expired, jws -> {});
        assertProblem(
                http.get("api/passport/me", "Authorization", "Bearer " + expiredToken, ua[0], ua[1]),
                401,
                "TOKEN_EXPIRED");

        String[] auth = {"Authorization", "Bearer " + current, ua[0], ua[1]};
        assertProblem(
                http.put("api/passport/password", json("currentPassword", wrong, "newPassword", changed), auth),
                400,
                "VALIDATION_FAILED");
        assertEquals(
                204,
                http.put("api/passport/password", json("currentPassword", password, "newPassword", changed), auth)
                        .status());
        Reply again = passport.tryLogin(mobile, changed, ua);
        assertEquals(200, again.status(), again::toString);
        String last = again.json().getString("token");
        assertEquals(
                204,
                http.post("api/passport/logout", null, "Authorization", "Bearer " + last, ua[0], ua[1])
                        .status());
        assertProblem(
                http.get("api/passport/me", "Authorization", "Bearer " + last, ua[0], ua[1]), 401, "TOKEN_REVOKED");

        for (String token :
                List.of(first, cookie.substring("access_token=".length()), current, forgedToken, expiredToken, last)) {
            // a log that kept only part of a token leaks it too: the signature, or the claims
            String[] parts = token.split("\\.");
            secrets.addAll(List.of(token, parts[1], parts[2]));
        }

        // the audit log is written behind the requests: wait for every line of them
        Path audit = Path.of(System.getProperty("it.log.dir"), "audit.log");
        List<String> expected = List.of(
                "access.denied failure",
                "login failure",
                "login success",
                "login success",
                "login success",
                "logout success",
                "password.change failure",
                "password.change success",
                "refresh success",
                "register failure",
                "register success",
                "token.rejected failure",
                "token.rejected failure",
                "token.rejected failure",
                "token.rejected failure");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> events;
        while ((events = auditEvents(audit, agent)).size() < expected.size()) {
            assertTrue(System.nanoTime() < deadline, "audit lines of this test: " + events);
            Thread.sleep(50);
        }
        assertEquals(expected, events);

        Map<Path, Long> files = logFiles();
        assertTrue(
                files.keySet().stream().anyMatch(f -> f.getFileName().toString().startsWith("server.log")),
                "the server log: " + files);
        assertTrue(files.containsKey(audit), "the audit log: " + files);
        for (Path file : files.keySet()) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "\"" + secret + "\" is in " + file);
            }
            assertFalse(text.contains(secret()), "the signing key is in " + file);
            // five characters could be anywhere in a long log: the code is looked for in what was written since this
            // test began
            long start = before.getOrDefault(file, 0L);
            assertFalse(
                    text.substring(start <= text.length() ? (int) start : 0).contains(code),
                    "the captcha code is in " + file);
        }
    }

    /** The events and outcomes of the audit lines with this user agent, sorted. */
    private static List<String> auditEvents(Path audit, String agent) throws IOException {
        if (!Files.exists(audit)) {
            return List.of();
        }
        // a line the writer is still writing is left for the next look
        return Files.readAllLines(audit, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.contains("\"userAgent\":\"" + agent + "\"") && line.endsWith("}"))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .map(line -> line.getString("event") + " " + line.getString("outcome"))
                .sorted()
                .toList();
    }
}
