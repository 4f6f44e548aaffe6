package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static com.videoplatform.auth.it.Passport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The passport part of the contract, over HTTP against the WAR in a real Payara Micro with a real Redis. */
class PassportIT extends DeployedService {

    private static JsonObject payload(String token) {
        String part = token.split("\\.")[1];
        return jakarta.json.Json.createReader(
                        new ByteArrayInputStream(Base64.getUrlDecoder().decode(part)))
                .readObject();
    }

    @Test
    void pingAnswersOk() {
        Reply reply = http.get("api/ping");
        assertEquals(200, reply.status());
        assertEquals("ok", reply.json().getString("status"));
    }

    @Test
    void captchaIsAPngWhoseCodeIsKeptInRedisWithItsLifetime() throws IOException {
        Reply reply = http.get("api/passport/captcha");
        assertEquals(200, reply.status());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject body = reply.json();
        assertEquals(300, body.getInt("expiresIn"));
        String image = body.getString("image");
        assertTrue(image.startsWith("data:image/png;base64,"));
        var png = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(image.substring(image.indexOf(',') + 1))));
        assertNotNull(png);
        String key = "captcha:" + body.getString("captchaId");
        String code = passport.redis().get(key);
        assertTrue(code.matches("[A-Z0-9]{4,6}"), code);
        long ttl = passport.redis().ttl(key);
        assertTrue(ttl > 250 && ttl <= 300, "ttl " + ttl);
        assertFalse(reply.body().contains(code));
    }

    @Test
    void registerCreatesTheUserWithTheMobileAsDefaultNickname() {
        String mobile = Passport.newMobile();
        Reply reply = http.post("api/passport/register", passport.registerBody(mobile, PASSWORD));
        assertEquals(201, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertTrue(body.getJsonNumber("userId").longValue() > 0);
        assertEquals(mobile, body.getString("mobile"));
        assertEquals(mobile, body.getString("nickname"));
        assertFalse(reply.body().contains(PASSWORD));
    }

    @Test
    void registerKeepsAUnicodeNickname() {
        Reply reply = passport.tryRegister(Passport.newMobile(), PASSWORD, "小明 🎬 '; DROP TABLE x; --");
        assertEquals(201, reply.status(), reply::toString);
        assertEquals("小明 🎬 '; DROP TABLE x; --", reply.json().getString("nickname"));
    }

    @Test
    void registerTwiceWithOneMobileIsMobileTaken() {
        String mobile = passport.newUser();
        assertProblem(passport.tryRegister(mobile, PASSWORD, null), 409, "MOBILE_TAKEN");
    }

    @Test
    void concurrentRegistrationsOfOneMobileCreateOneAccount() throws Exception {
        String mobile = Passport.newMobile();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(passport.registerBody(mobile, PASSWORD));
        }
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Callable<Reply>> calls = bodies.stream()
                    .<Callable<Reply>>map(b -> () -> http.post("api/passport/register", b))
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> f : pool.invokeAll(calls)) {
                statuses.add(f.get().status());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(
                    bodies.size() - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void wrongCaptchaIsRejectedAndUsedUp() {
        String[] captcha = passport.captcha();
        String mobile = Passport.newMobile();
        Reply wrong = http.post("api/passport/register", Passport.registerBody(mobile, PASSWORD, captcha[0], "ZZZZZ"));
        assertProblem(wrong, 400, "CAPTCHA_INVALID");
        assertEquals(0, passport.redis().exists("captcha:" + captcha[0]));
        Reply replay =
                http.post("api/passport/register", Passport.registerBody(mobile, PASSWORD, captcha[0], captcha[1]));
        assertProblem(replay, 400, "CAPTCHA_INVALID");
    }

    @Test
    void captchaCodeIsComparedIgnoringCase() {
        String[] captcha = passport.captcha();
        Reply reply = http.post(
                "api/passport/register",
                Passport.registerBody(Passport.newMobile(), PASSWORD, captcha[0], captcha[1].toLowerCase()));
        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void aUsedCaptchaCannotBeReplayedAfterSuccess() {
        String[] captcha = passport.captcha();
        String body = Passport.registerBody(Passport.newMobile(), PASSWORD, captcha[0], captcha[1]);
        assertEquals(201, http.post("api/passport/register", body).status());
        Reply again = http.post(
                "api/passport/register", Passport.registerBody(Passport.newMobile(), PASSWORD, captcha[0], captcha[1]));
        assertProblem(again, 400, "CAPTCHA_INVALID");
    }

    @Test
    void aRequestThatFailsValidationStillUsesUpItsCaptcha() {
        String[] captcha = passport.captcha();
        Reply reply =
                http.post("api/passport/register", Passport.registerBody("123", PASSWORD, captcha[0], captcha[1]));
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertEquals(List.of("mobile"), fields(reply));
        assertEquals(0, passport.redis().exists("captcha:" + captcha[0]));
    }

    @Test
    void aRegisterBodyOfTheWrongJsonTypeStillUsesUpItsCaptcha() {
        String[] captcha = passport.captcha();
        String body = "{\"mobile\":\"" + Passport.newMobile() + "\",\"password\":12345678,\"captchaId\":\"" + captcha[0]
                + "\",\"captchaCode\":\"" + captcha[1] + "\"}";
        Reply reply = http.post("api/passport/register", body);
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertEquals(List.of("password"), fields(reply), reply::toString);
        assertEquals(
                0, passport.redis().exists("captcha:" + captcha[0]), "the first request naming a captcha uses it up");
    }

    @Test
    void aWrongCaptchaIsReportedTogetherWithTheOtherFields() {
        String[] captcha = passport.captcha();
        Reply reply = http.post("api/passport/register", Passport.registerBody("123", PASSWORD, captcha[0], "ZZZZZ"));
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertEquals(List.of("mobile", "captchaCode"), fields(reply));
        assertEquals(0, passport.redis().exists("captcha:" + captcha[0]), "used up as well");
    }

    @Test
    void fieldMessagesAreWrittenForAPerson() {
        Reply mobile = passport.tryRegister("123", PASSWORD, "n".repeat(33));
        assertEquals(
                List.of(
                        "Enter an 11-digit mainland China mobile number, such as 13800138000.",
                        "Use 1 to 32 characters."),
                messages(mobile),
                mobile::toString);
        Reply missing = http.post("api/passport/register", json("mobile", Passport.newMobile(), "password", PASSWORD));
        assertEquals(List.of("Fill this in.", "Fill this in."), messages(missing));
        Reply password = passport.tryRegister(Passport.newMobile(), "short", null);
        assertEquals(List.of("Use 8 to 128 characters."), messages(password));
        Reply page = http.get("api/videos?size=0");
        assertEquals(List.of("Use a whole number from 1 to 100."), messages(page));

        String token = passport.token(passport.newUser());
        String[] chinese = {"Authorization", "Bearer " + token, "Accept-Language", "zh-CN"};
        Reply video = http.post(
                "api/videos", json("title", "", "durationSeconds", 0, "url", "ftp://example.com/a.mp4"), chinese);
        assertEquals(
                List.of(
                        "Enter a whole number of seconds from 1 to 86,400 (24 hours).",
                        "Use 1 to 200 characters.",
                        "Enter an address that starts with http:// or https://."),
                messages(video),
                "whatever the request's language: " + video);
    }

    private static List<String> messages(Reply reply) {
        return reply.json().getJsonArray("errors").stream()
                .map(v -> v.asJsonObject().getString("message"))
                .toList();
    }

    @Test
    void missingCaptchaFieldsAreValidationErrors() {
        Reply reply = http.post("api/passport/register", json("mobile", Passport.newMobile(), "password", PASSWORD));
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertEquals(List.of("captchaCode", "captchaId"), fields(reply));
    }

    @Test
    void oddMobilesAreRejected() {
        for (String mobile : List.of(
                "",
                "1380000000",
                "138000000000",
                "12800000000",
                "23800000000",
                "1380000000a",
                "１３８００００００００",
                "+8613800000000",
                " 13800000000",
                "13800000000\n")) {
            Reply reply = passport.tryRegister(mobile, PASSWORD, null);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(List.of("mobile"), fields(reply), mobile);
        }
    }

    @Test
    void weakPasswordsAreRejected() {
        String mobile = Passport.newMobile();
        for (String password : List.of("short1!", "x".repeat(129), "password", "Password1", "qwerty123", mobile)) {
            Reply reply = passport.tryRegister(mobile, password, null);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(List.of("password"), fields(reply), password);
        }
        assertEquals(
                201,
                passport.tryRegister(mobile, " a passphrase with spaces ", null).status(),
                "spaces are kept as sent");
    }

    @Test
    void trivialPasswordsAreRefusedOnRegisterAndOnChangeSayingWhy() {
        String mobile = Passport.newMobile();
        Object[][] cases = {
            {"        ", "blank"},
            {"\t".repeat(8), "blank"},
            {"........", "repeat"},
            {"woaini1314", "common"},
            {"5201314520", "common"},
            {mobile + "7", "mobile"}
        };
        for (Object[] c : cases) {
            Reply reply = passport.tryRegister(mobile, (String) c[0], null);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(List.of("password"), fields(reply), (String) c[0]);
            String message =
                    reply.json().getJsonArray("errors").getJsonObject(0).getString("message");
            assertTrue(message.contains((String) c[1]), message);
        }

        String user = passport.newUser();
        String token = passport.token(user);
        Reply reversed = http.put(
                "api/passport/password",
                json("currentPassword", PASSWORD, "newPassword", new StringBuilder(user).reverse() + "!"),
                bearer(token));
        assertProblem(reversed, 400, "VALIDATION_FAILED");
        assertEquals(List.of("newPassword"), fields(reversed));
        assertTrue(reversed.body().contains("mobile"), reversed::toString);
        assertProblem(
                http.put(
                        "api/passport/password",
                        json("currentPassword", PASSWORD, "newPassword", "P@ssw0rd"),
                        bearer(token)),
                400,
                "VALIDATION_FAILED");
        assertEquals(200, http.get("api/passport/me", bearer(token)).status(), "nothing changed");
    }

    @Test
    void badNicknamesAreRejected() {
        for (String nickname : List.of("", "n".repeat(33), "bell\u0007")) {
            Reply reply = passport.tryRegister(Passport.newMobile(), PASSWORD, nickname);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(List.of("nickname"), fields(reply), nickname);
        }
    }

    @Test
    void malformedBodiesAreValidationErrors() {
        for (String body : List.of("{", "not json", "[]", "{\"mobile\": [1,2]}", "{\"mobile\": {\"a\": 1}}", "")) {
            assertProblem(http.post("api/passport/register", body), 400, "VALIDATION_FAILED");
            assertProblem(http.post("api/passport/login", body), 400, "VALIDATION_FAILED");
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedWithOrWithoutALength() {
        String big = json("mobile", "13800000000", "password", "x".repeat(70_000));
        assertProblem(http.post("api/passport/login", big), 413, "PAYLOAD_TOO_LARGE");
        HttpRequest chunked = HttpRequest.newBuilder(http.uri("api/passport/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertProblem(http.send(chunked), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void protocolErrorsAreProblems() {
        assertProblem(http.get("api/nothing/here"), 404, "NOT_FOUND");
        Reply notAllowed = http.get("api/passport/login");
        assertProblem(notAllowed, 405, "METHOD_NOT_ALLOWED");
        assertTrue(
                notAllowed.header("Allow").orElse("").contains("POST"),
                notAllowed.headers().toString());
        assertProblem(
                http.post("api/passport/login", "mobile=1", "Content-Type", "application/x-www-form-urlencoded"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void loginIssuesATokenThatOpensMe() {
        String mobile = passport.newUser();
        Reply reply = passport.tryLogin(mobile, PASSWORD);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject body = reply.json();
        assertEquals("Bearer", body.getString("tokenType"));
        String token = body.getString("token");
        JsonObject claims = payload(token);
        assertEquals(
                claims.getJsonNumber("exp").longValue()
                        - claims.getJsonNumber("iat").longValue(),
                body.getJsonNumber("expiresIn").longValue());
        assertEquals(86400, body.getInt("expiresIn"));
        assertEquals(body.getString("sessionId"), claims.getString("sid"));
        assertEquals(String.valueOf(body.getJsonNumber("userId").longValue()), claims.getString("sub"));
        for (String claim : List.of("iss", "aud", "jti", "nbf", "login_time", "roles")) {
            assertTrue(claims.containsKey(claim), claim);
        }

        Reply me = http.get("api/passport/me", bearer(token));
        assertEquals(200, me.status(), me::toString);
        assertEquals("no-store", me.header("Cache-Control").orElse(""));
        JsonObject user = me.json();
        assertEquals(mobile, user.getString("mobile"));
        assertEquals(mobile, user.getString("nickname"));
        assertEquals(body.getJsonNumber("userId"), user.getJsonNumber("userId"));
        assertEquals(List.of("user"), user.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertNotNull(user.getString("lastLoginAt"));
        assertFalse(me.body().contains("password"));
    }

    @Test
    void adminMobilesGetTheAdminRoleAtRegistration() {
        String admin = "13900000000";
        if (passport.tryLogin(admin, PASSWORD).status() != 200) {
            passport.register(admin);
        }
        JsonObject claims = payload(passport.token(admin));
        assertEquals(
                List.of("admin", "user"),
                claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString).stream()
                        .sorted()
                        .toList());
    }

    @Test
    void theSeedsJwtSchemeAndAnyLetterCaseWork() {
        String token = passport.token(passport.newUser());
        for (String scheme : List.of("JWT ", "jwt ", "bearer ", "BEARER ")) {
            assertEquals(
                    200,
                    http.get("api/passport/me", "Authorization", scheme + token).status(),
                    scheme);
        }
    }

    @Test
    void unknownMobileAndWrongPasswordAnswerAlike() {
        String mobile = passport.newUser();
        Reply wrong = passport.tryLogin(mobile, "not the password");
        Reply unknown = passport.tryLogin(Passport.newMobile(), "not the password");
        Reply malformed = passport.tryLogin("not-a-mobile", "not the password");
        for (Reply reply : List.of(wrong, unknown, malformed)) {
            assertProblem(reply, 401, "INVALID_CREDENTIALS");
            assertEquals(
                    "Bearer realm=\"video\"", reply.header("WWW-Authenticate").orElse(""));
        }
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.body(), malformed.body());
    }

    @Test
    void loginWithoutFieldsIsAValidationError() {
        assertProblem(http.post("api/passport/login", json("mobile", "13800000000")), 400, "VALIDATION_FAILED");
        assertProblem(http.post("api/passport/login", json("password", PASSWORD)), 400, "VALIDATION_FAILED");
    }

    @Test
    void fiveFailuresLockTheMobileEvenForTheRightPassword() throws InterruptedException {
        String mobile = passport.newUser();
        for (int i = 0; i < 5; i++) {
            assertProblem(passport.tryLogin(mobile, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        Reply locked = passport.tryLogin(mobile, PASSWORD);
        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        // the lock ends with its window
        passport.redis().expire("throttle:login:mobile:" + mobile, 1);
        awaitGone("throttle:login:mobile:" + mobile);
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void aSuccessfulLoginClearsTheFailureCount() {
        String mobile = passport.newUser();
        for (int i = 0; i < 4; i++) {
            passport.tryLogin(mobile, "wrong password");
        }
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
        for (int i = 0; i < 4; i++) {
            assertProblem(passport.tryLogin(mobile, "wrong password"), 401, "INVALID_CREDENTIALS");
        }
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void anIpWithTooManyFailuresIsRefused() {
        String mobile = passport.newUser();
        passport.redis().setex("throttle:login:ip:127.0.0.1", 900, "100");
        try {
            Reply refused = passport.tryLogin(mobile, PASSWORD);
            assertProblem(refused, 429, "TOO_MANY_ATTEMPTS");
            assertTrue(refused.header("Retry-After").isPresent());
        } finally {
            passport.redis().del("throttle:login:ip:127.0.0.1");
        }
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void missingOrForeignCredentialsAreAuthRequired() {
        String token = passport.token(passport.newUser());
        for (Reply reply : List.of(
                http.get("api/passport/me"),
                http.get("api/passport/me", "Authorization", "Basic dXNlcjpwYXNz"),
                http.get("api/passport/me?token=" + token),
                http.get("api/passport/me?access_token=" + token))) {
            assertProblem(reply, 401, "AUTH_REQUIRED");
            assertEquals(
                    "Bearer realm=\"video\"", reply.header("WWW-Authenticate").orElse(""));
        }
    }

    @Test
    void aBadTokenIsInvalidWithTheRfc6750Challenge() {
        String token = passport.token(passport.newUser());
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : List.of("garbage", tampered, token + ".x", "a.b", "")) {
            Reply reply = http.get("api/passport/me", "Authorization", "Bearer " + bad);
            assertProblem(reply, 401, "TOKEN_INVALID");
            assertEquals(
                    "Bearer realm=\"video\", error=\"invalid_token\"",
                    reply.header("WWW-Authenticate").orElse(""));
        }
    }

    @Test
    void refreshRotatesTheTokenAndRevokesTheOldOne() {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        String old = login.getString("token");
        Reply refreshed = http.post("api/passport/refresh", null, bearer(old));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals("no-store", refreshed.header("Cache-Control").orElse(""));
        JsonObject body = refreshed.json();
        assertEquals(login.getString("sessionId"), body.getString("sessionId"));
        assertEquals(
                payload(old).getJsonNumber("login_time"),
                payload(body.getString("token")).getJsonNumber("login_time"));
        assertNotEquals(
                payload(old).getString("jti"), payload(body.getString("token")).getString("jti"));
        assertEquals(
                200,
                http.get("api/passport/me", bearer(body.getString("token"))).status());
        assertProblem(http.get("api/passport/me", bearer(old)), 401, "TOKEN_REVOKED");
        assertProblem(http.post("api/passport/refresh", null, bearer(old)), 401, "TOKEN_REVOKED");
    }

    @Test
    void ofConcurrentRefreshesOfOneTokenExactlyOneWins() throws Exception {
        String token = passport.token(passport.newUser());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reply>> calls = Stream.<Callable<Reply>>generate(
                            () -> () -> http.post("api/passport/refresh", null, bearer(token)))
                    .limit(8)
                    .toList();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
            assertEquals(1, replies.stream().filter(r -> r.status() == 200).count(), replies.toString());
            replies.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 401, "TOKEN_REVOKED"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookies() {
        String token = passport.token(passport.newUser());
        Reply logout = http.post("api/passport/logout", null, bearer(token));
        assertEquals(204, logout.status(), logout::toString);
        assertTrue(
                logout.cookies().stream().anyMatch(c -> c.startsWith("access_token=;") && c.contains("Max-Age=0")),
                logout.cookies().toString());
        assertTrue(
                logout.cookies().stream().anyMatch(c -> c.startsWith("csrf_token=;") && c.contains("Max-Age=0")),
                logout.cookies().toString());
        assertProblem(http.get("api/passport/me", bearer(token)), 401, "TOKEN_REVOKED");
        assertProblem(http.post("api/passport/logout", null, bearer(token)), 401, "TOKEN_REVOKED");
    }

    @Test
    void sessionsNameTheirDevices() {
        String mobile = passport.newUser();
        String iphone =
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Mobile/15E148 Safari/604.1";
        String windows =
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assertEquals(
                200, passport.tryLogin(mobile, PASSWORD, "User-Agent", iphone).status());
        String token = passport.tryLogin(mobile, PASSWORD, "User-Agent", windows)
                .json()
                .getString("token");

        JsonArray sessions = http.get("api/passport/sessions", bearer(token)).array();
        assertEquals(
                List.of("Chrome on Windows", "Safari on iPhone"),
                sessions.stream().map(v -> v.asJsonObject().getString("device")).toList(),
                "newest first: " + sessions);
        assertEquals(windows, sessions.getJsonObject(0).getString("userAgent"), "the raw agent stays beside it");
    }

    @Test
    void usersListAndEndTheirOwnSessionsOnly() {
        String mobile = passport.newUser();
        String first = passport.token(mobile);
        Reply secondLogin = passport.tryLogin(mobile, PASSWORD, "User-Agent", "phone/1.0");
        String second = secondLogin.json().getString("token");
        String secondId = secondLogin.json().getString("sessionId");

        Reply list = http.get("api/passport/sessions", bearer(first));
        assertEquals(200, list.status(), list::toString);
        JsonArray sessions = list.array();
        assertEquals(2, sessions.size(), list::toString);
        JsonObject phone = sessions.stream()
                .map(v -> v.asJsonObject())
                .filter(s -> s.getString("sessionId").equals(secondId))
                .findFirst()
                .orElseThrow();
        assertEquals("phone/1.0", phone.getString("userAgent"));
        assertEquals("127.0.0.1", phone.getString("ip"));
        assertFalse(phone.getBoolean("current"));
        assertNotNull(phone.getString("createdAt"));
        assertEquals(
                1,
                sessions.stream()
                        .filter(v -> v.asJsonObject().getBoolean("current"))
                        .count());

        assertTrue(phone.isNull("device"), "an agent nobody can name: " + phone);
        String otherUsersToken = passport.token(passport.newUser());
        assertProblem(http.delete("api/passport/sessions/" + secondId, bearer(otherUsersToken)), 404, "NOT_FOUND");
        assertEquals(200, http.get("api/passport/me", bearer(second)).status());

        assertEquals(
                204,
                http.delete("api/passport/sessions/" + secondId, bearer(first)).status());
        assertProblem(http.get("api/passport/me", bearer(second)), 401, "TOKEN_REVOKED");
        assertProblem(http.delete("api/passport/sessions/" + secondId, bearer(first)), 404, "NOT_FOUND");
        assertEquals(1, http.get("api/passport/sessions", bearer(first)).array().size());
    }

    @Test
    void aLoginBeyondTheSessionLimitEndsTheOldestSession() {
        String mobile = passport.newUser();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(passport.token(mobile));
        }
        assertProblem(http.get("api/passport/me", bearer(tokens.get(0))), 401, "TOKEN_REVOKED");
        for (String token : tokens.subList(1, 6)) {
            assertEquals(200, http.get("api/passport/me", bearer(token)).status());
        }
        assertEquals(
                5,
                http.get("api/passport/sessions", bearer(tokens.get(5))).array().size());
    }

    @Test
    void changingThePasswordEndsEverySession() {
        String mobile = passport.newUser();
        String first = passport.token(mobile);
        String second = passport.token(mobile);
        String newPassword = "another fine passphrase";
        Reply changed = http.put(
                "api/passport/password", json("currentPassword", PASSWORD, "newPassword", newPassword), bearer(first));
        assertEquals(204, changed.status(), changed::toString);
        assertProblem(http.get("api/passport/me", bearer(first)), 401, "TOKEN_REVOKED");
        assertProblem(http.get("api/passport/me", bearer(second)), 401, "TOKEN_REVOKED");
        assertProblem(passport.tryLogin(mobile, PASSWORD), 401, "INVALID_CREDENTIALS");
        assertEquals(200, passport.tryLogin(mobile, newPassword).status());
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneIsRefused() {
        String mobile = passport.newUser();
        String token = passport.token(mobile);
        Reply wrong = http.put(
                "api/passport/password",
                json("currentPassword", "not it at all", "newPassword", "another fine passphrase"),
                bearer(token));
        assertProblem(wrong, 400, "VALIDATION_FAILED");
        assertEquals(List.of("currentPassword"), fields(wrong));
        Reply weak = http.put(
                "api/passport/password", json("currentPassword", PASSWORD, "newPassword", "password1"), bearer(token));
        assertProblem(weak, 400, "VALIDATION_FAILED");
        assertEquals(List.of("newPassword"), fields(weak));
        Reply same = http.put(
                "api/passport/password", json("currentPassword", PASSWORD, "newPassword", mobile), bearer(token));
        assertEquals(List.of("newPassword"), fields(same));
        assertEquals(200, http.get("api/passport/me", bearer(token)).status());
        assertEquals(
                "1",
                passport.redis().get("throttle:login:mobile:" + mobile),
                "a wrong current password counts as a failed login");
    }

    @Test
    void aBurstOfWrongCurrentPasswordsGetsAtMostTheLimitChecked() throws Exception {
        LoginBurst.assertWrongCurrentPasswordsAreCapped(passport, passport.newUser(), Passport.newIp());
    }

    @Test
    void cookieLoginSetsHttpOnlyTokenAndReadableCsrfCookies() {
        String mobile = passport.newUser();
        Reply login = http.post("api/passport/login", json("mobile", mobile, "password", PASSWORD, "cookie", true));
        assertEquals(200, login.status(), login::toString);
        String access = login.cookies().stream()
                .filter(c -> c.startsWith("access_token="))
                .findFirst()
                .orElseThrow();
        String csrf = login.cookies().stream()
                .filter(c -> c.startsWith("csrf_token="))
                .findFirst()
                .orElseThrow();
        assertTrue(access.contains("HttpOnly") && access.contains("SameSite=Lax") && access.contains("Path=/"), access);
        assertFalse(access.contains("Secure"), "plain http: no Secure flag");
        assertFalse(csrf.contains("HttpOnly"), csrf);
        String token = value(access);
        String csrfValue = value(csrf);
        assertEquals(login.json().getString("token"), token);
        assertTrue(access.length() < 4096);

        String cookies = "access_token=" + token + "; csrf_token=" + csrfValue;
        assertEquals(200, http.get("api/passport/me", "Cookie", cookies).status());
        assertProblem(http.post("api/passport/refresh", null, "Cookie", cookies), 403, "CSRF_INVALID");
        assertProblem(
                http.post("api/passport/refresh", null, "Cookie", cookies, "X-CSRF-Token", "forged"),
                403,
                "CSRF_INVALID");
        assertProblem(
                http.post("api/passport/refresh", null, "Cookie", "access_token=garbage; csrf_token=" + csrfValue),
                401,
                "TOKEN_INVALID");

        Reply refreshed = http.post("api/passport/refresh", null, "Cookie", cookies, "X-CSRF-Token", csrfValue);
        assertEquals(200, refreshed.status(), refreshed::toString);
        String renewed = value(refreshed.cookies().stream()
                .filter(c -> c.startsWith("access_token="))
                .findFirst()
                .orElseThrow());
        assertEquals(refreshed.json().getString("token"), renewed);
        assertEquals(
                200,
                http.get("api/passport/me", "Cookie", "access_token=" + renewed).status());
    }

    @Test
    void aHeaderTokenWinsOverTheCookieAndNeedsNoCsrfHeader() {
        String token = passport.token(passport.newUser());
        Reply reply = http.post(
                "api/passport/refresh", null, "Authorization", "Bearer " + token, "Cookie", "access_token=garbage");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.cookies().isEmpty(), "a header-authenticated refresh sets no cookie");
    }

    @Test
    void passportEventsAreAuditedWithoutSecrets() throws Exception {
        String mobile = passport.newUser();
        String token = passport.token(mobile);
        passport.tryLogin(mobile, "a wrong password here");
        String refreshed =
                http.post("api/passport/refresh", null, bearer(token)).json().getString("token");
        http.get("api/passport/me", bearer(token));
        http.post("api/passport/logout", null, bearer(refreshed));
        String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);

        Path audit = Path.of(System.getProperty("it.log.dir"), "audit.log");
        List<JsonObject> lines = awaitAudit(audit, masked, 4);
        List<String> events = lines.stream()
                .map(l -> l.getString("event") + "/" + l.getString("outcome"))
                .toList();
        assertTrue(
                events.containsAll(List.of("register/success", "login/success", "login/failure")), events.toString());
        String all = Files.readString(audit);
        assertTrue(all.contains("\"event\":\"refresh\"")
                && all.contains("\"event\":\"logout\"")
                && all.contains("\"event\":\"token.rejected\""));
        for (String secret : List.of(PASSWORD, "a wrong password here", token, refreshed, mobile)) {
            assertFalse(all.contains(secret), "audit log contains a secret or an unmasked mobile");
        }
        JsonObject line = lines.get(0);
        for (String field :
                List.of("ts", "event", "outcome", "userId", "sessionId", "ip", "userAgent", "reason", "mobile")) {
            assertTrue(line.containsKey(field), field);
        }
    }

    private List<JsonObject> awaitAudit(Path audit, String masked, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonObject> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(audit)) {
                lines = Files.readAllLines(audit).stream()
                        .filter(l -> l.contains(masked))
                        .map(l -> jakarta.json.Json.createReader(new java.io.StringReader(l))
                                .readObject())
                        .toList();
                if (lines.size() >= atLeast) {
                    return lines;
                }
            }
            Thread.sleep(20);
        }
        return lines;
    }

    private void awaitGone(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (passport.redis().exists(key) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, passport.redis().exists(key));
    }

    private static String value(String setCookie) {
        String pair = setCookie.split(";")[0];
        return pair.substring(pair.indexOf('=') + 1);
    }
}
