package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static com.videoplatform.auth.it.Passport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Videos, roles and administration, the audit trail of both, and the operator's endpoints. */
class VideosAdminOperationsIT extends DeployedService {

    static final String ADMIN = "13900000000";
    /**
     * With the server's embedded Redis (not an external one): a Redis on its port, its data directory and its
     * password, for a test to start once it has stopped the server's own; stopped at the end.
     */
    static RedisServer replacement;

    @BeforeAll
    static void prepareReplacement() throws IOException {
        if (System.getProperty("it.redis.uri", "").isBlank()) {
            Path dir = Path.of(System.getProperty("it.data.dir"), "redis").toAbsolutePath();
            replacement = RedisServer.newRedisServer()
                    .port(Integer.parseInt(System.getProperty("it.redis.port")))
                    .bind("127.0.0.1")
                    .setting("requirepass " + Passport.embeddedRedisPassword(dir.getParent()))
                    .setting("dir " + dir)
                    .setting("appendonly yes")
                    .build();
        }
    }

    @AfterAll
    static void stopReplacement() throws IOException {
        if (replacement != null && replacement.isActive()) {
            replacement.stop();
        }
    }

    private String adminToken() {
        if (passport.tryLogin(ADMIN, PASSWORD).status() != 200) {
            passport.register(ADMIN);
        }
        return passport.token(ADMIN);
    }

    private static String video(String title) {
        return json(
                "title",
                title,
                "description",
                "about " + title,
                "durationSeconds",
                95,
                "url",
                "https://cdn.example.com/v/" + title.hashCode());
    }

    private JsonObject create(String token, String title) {
        Reply reply = http.post("api/videos", video(title), bearer(token));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void aSignedInUserAddsAVideoAndOwnsIt() {
        String mobile = passport.newUser();
        String token = passport.token(mobile);
        long userId = http.get("api/passport/me", bearer(token))
                .json()
                .getJsonNumber("userId")
                .longValue();
        Reply reply = http.post(
                "api/videos",
                json(
                        "title",
                        "Cats",
                        "durationSeconds",
                        60,
                        "url",
                        "http://example.com/cats.mp4",
                        "id",
                        999_999,
                        "ownerId",
                        1,
                        "createdAt",
                        "2000-01-01T00:00:00Z"),
                bearer(token));
        assertEquals(201, reply.status(), reply::toString);
        JsonObject video = reply.json();
        long id = video.getJsonNumber("id").longValue();
        assertNotEquals(999_999, id);
        assertEquals(userId, video.getJsonNumber("ownerId").longValue());
        assertTrue(video.isNull("description"));
        assertNotEquals("2000-01-01T00:00:00Z", video.getString("createdAt"));
        assertTrue(
                reply.header("Location").orElseThrow().endsWith("/api/videos/" + id),
                reply.headers().toString());
        Reply detail = http.get("api/videos/" + id, bearer(token));
        assertEquals(200, detail.status());
        assertEquals(
                List.of("id", "title", "description", "durationSeconds", "url", "ownerId", "createdAt", "updatedAt"),
                List.copyOf(detail.json().keySet()));
    }

    @Test
    void theListIsPublicNewestFirstAndPaged() {
        String token = passport.token(passport.newUser());
        long first = create(token, "first").getJsonNumber("id").longValue();
        long second = create(token, "second").getJsonNumber("id").longValue();
        long third = create(token, "third").getJsonNumber("id").longValue();
        Reply page = http.get("api/videos?page=0&size=2");
        assertEquals(200, page.status(), page::toString);
        JsonObject body = page.json();
        assertEquals(0, body.getInt("page"));
        assertEquals(2, body.getInt("size"));
        assertTrue(body.getJsonNumber("total").longValue() >= 3);
        List<Long> ids = body.getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(List.of(third, second), ids);
        List<Long> next = http.get("api/videos?page=1&size=2").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(first, next.get(0));
        assertEquals(20, http.get("api/videos").json().getInt("size"));
    }

    @Test
    void badPagingIsAValidationError() {
        for (String query : List.of("page=-1", "size=0", "size=101", "page=abc", "size=1.5", "page=99999999999")) {
            Reply reply = http.get("api/videos?" + query);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(1, fields(reply).size(), query);
        }
    }

    @Test
    void detailsNeedATokenAndUnknownIdsAreNotFound() {
        String token = passport.token(passport.newUser());
        long id = create(token, "detail").getJsonNumber("id").longValue();
        assertProblem(http.get("api/videos/" + id), 401, "AUTH_REQUIRED");
        assertProblem(http.get("api/videos/999999999", bearer(token)), 404, "NOT_FOUND");
        assertProblem(http.get("api/videos/abc", bearer(token)), 404, "NOT_FOUND");
        assertProblem(http.post("api/videos", video("anonymous")), 401, "AUTH_REQUIRED");
    }

    @Test
    void videoFieldsAreValidated() {
        String token = passport.token(passport.newUser());
        String url = "https://example.com/v.mp4";
        Object[][] cases = {
            {"title", json("title", "", "durationSeconds", 10, "url", url)},
            {"title", json("title", "t".repeat(201), "durationSeconds", 10, "url", url)},
            {"title", json("durationSeconds", 10, "url", url)},
            {"description", json("title", "t", "description", "d".repeat(5001), "durationSeconds", 10, "url", url)},
            {"durationSeconds", json("title", "t", "durationSeconds", 0, "url", url)},
            {"durationSeconds", json("title", "t", "durationSeconds", 86_401, "url", url)},
            {"durationSeconds", json("title", "t", "url", url)},
            {"url", json("title", "t", "durationSeconds", 10, "url", "ftp://example.com/v")},
            {"url", json("title", "t", "durationSeconds", 10, "url", "javascript:alert(1)")},
            {"url", json("title", "t", "durationSeconds", 10, "url", "https://example.com/" + "a".repeat(2048))},
            {"url", json("title", "t", "durationSeconds", 10)},
        };
        for (Object[] c : cases) {
            Reply reply = http.post("api/videos", (String) c[1], bearer(token));
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(List.of(c[0]), fields(reply), (String) c[1]);
        }
        assertProblem(
                http.post(
                        "api/videos",
                        "{\"title\":\"t\",\"durationSeconds\":\"long\",\"url\":\"" + url + "\"}",
                        bearer(token)),
                400,
                "VALIDATION_FAILED");
        assertEquals(
                201,
                http.post(
                                "api/videos",
                                json("title", "t", "durationSeconds", 86_400, "url", "HTTPS://EXAMPLE.COM"),
                                bearer(token))
                        .status());
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesAVideo() {
        String owner = passport.token(passport.newUser());
        String other = passport.token(passport.newUser());
        JsonObject video = create(owner, "mine");
        long id = video.getJsonNumber("id").longValue();

        assertProblem(http.put("api/videos/" + id, video("stolen"), bearer(other)), 403, "FORBIDDEN");
        assertProblem(http.delete("api/videos/" + id, bearer(other)), 403, "FORBIDDEN");

        Reply updated = http.put(
                "api/videos/" + id,
                json("title", "renamed", "durationSeconds", 30, "url", "https://example.com/r"),
                bearer(owner));
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("renamed", updated.json().getString("title"));
        assertTrue(updated.json().isNull("description"), "PUT replaces every field");
        assertEquals(video.getString("createdAt"), updated.json().getString("createdAt"));
        assertNotEquals(video.getString("updatedAt"), updated.json().getString("updatedAt"));

        Reply byAdmin = http.put("api/videos/" + id, video("moderated"), bearer(adminToken()));
        assertEquals(200, byAdmin.status(), byAdmin::toString);
        assertEquals(video.getJsonNumber("ownerId"), byAdmin.json().getJsonNumber("ownerId"));

        assertProblem(http.put("api/videos/999999999", video("x"), bearer(owner)), 404, "NOT_FOUND");
        assertEquals(204, http.delete("api/videos/" + id, bearer(owner)).status());
        assertProblem(http.get("api/videos/" + id, bearer(owner)), 404, "NOT_FOUND");
        assertProblem(http.delete("api/videos/" + id, bearer(owner)), 404, "NOT_FOUND");

        long another = create(owner, "moderate me").getJsonNumber("id").longValue();
        assertEquals(
                204, http.delete("api/videos/" + another, bearer(adminToken())).status());
    }

    @Test
    void nonAdminsAreForbidden() {
        String token = passport.token(passport.newUser());
        assertProblem(http.get("api/admin/users", bearer(token)), 403, "FORBIDDEN");
        assertProblem(
                http.put(
                        "api/admin/users/1/roles",
                        json("x", 1).replace("\"x\":1", "\"roles\":[\"admin\"]"),
                        bearer(token)),
                403,
                "FORBIDDEN");
        assertProblem(http.delete("api/admin/users/1/sessions", bearer(token)), 403, "FORBIDDEN");
        assertProblem(http.get("api/admin/users"), 401, "AUTH_REQUIRED");
    }

    @Test
    void adminsListUsersWithoutAnyCredential() {
        String mobile = passport.newUser();
        Reply reply = http.get("api/admin/users?size=100&page=0", bearer(adminToken()));
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertTrue(body.getJsonNumber("total").longValue() >= 2);
        JsonObject first = body.getJsonArray("items").getJsonObject(0);
        assertEquals(
                List.of("createdAt", "enabled", "lastLoginAt", "mobile", "nickname", "roles", "userId"),
                first.keySet().stream().sorted().toList());
        assertFalse(
                reply.body().toLowerCase().contains("password") || reply.body().contains("PBKDF2"),
                "no credential in the list");
        long total = body.getJsonNumber("total").longValue();
        long lastPage = (total - 1) / 100;
        String all = http.get("api/admin/users?size=100&page=" + lastPage, bearer(adminToken()))
                .body();
        assertTrue(all.contains(mobile) || body.toString().contains(mobile));
    }

    @Test
    void settingRolesEndsTheUsersSessionsAndAppliesAtTheNextLogin() {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        String token = login.getString("token");
        long userId = login.getJsonNumber("userId").longValue();
        String admin = adminToken();

        assertProblem(
                http.put("api/admin/users/" + userId + "/roles", "{\"roles\":[\"root\"]}", bearer(admin)),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                http.put("api/admin/users/999999999/roles", "{\"roles\":[\"admin\"]}", bearer(admin)),
                404,
                "NOT_FOUND");
        assertProblem(
                http.put("api/admin/users/abc/roles", "{\"roles\":[\"admin\"]}", bearer(admin)), 404, "NOT_FOUND");

        Reply set = http.put("api/admin/users/" + userId + "/roles", "{\"roles\":[\"admin\"]}", bearer(admin));
        assertEquals(200, set.status(), set::toString);
        assertEquals(List.of("admin", "user"), set.json().getJsonArray("roles").getValuesAs(JsonString::getString));
        assertEquals(mobile, set.json().getString("mobile"));
        assertProblem(http.get("api/passport/me", bearer(token)), 401, "TOKEN_REVOKED");

        String promoted = passport.token(mobile);
        assertEquals(200, http.get("api/admin/users", bearer(promoted)).status());
        http.put("api/admin/users/" + userId + "/roles", "{\"roles\":[\"user\"]}", bearer(admin));
        assertProblem(http.get("api/admin/users", bearer(passport.token(mobile))), 403, "FORBIDDEN");
    }

    @Test
    void anAdminEndsEverySessionOfAUserAtOnce() {
        String mobile = passport.newUser();
        JsonObject first = passport.login(mobile);
        String second = passport.token(mobile);
        long userId = first.getJsonNumber("userId").longValue();
        assertEquals(
                204,
                http.delete("api/admin/users/" + userId + "/sessions", bearer(adminToken()))
                        .status());
        assertProblem(http.get("api/passport/me", bearer(first.getString("token"))), 401, "TOKEN_REVOKED");
        assertProblem(http.get("api/passport/me", bearer(second)), 401, "TOKEN_REVOKED");
        assertEquals(
                204,
                http.delete("api/admin/users/999999999/sessions", bearer(adminToken()))
                        .status(),
                "no account, no sessions: done");
    }

    /** A logged-in user whose rows an operator then removed from the database: the login reply. */
    private JsonObject removedUser() {
        JsonObject login = passport.login(passport.newUser());
        Database.deleteUser(login.getJsonNumber("userId").longValue());
        return login;
    }

    @Test
    void anAdminEndsTheSessionsOfAUserWhoIsNoLongerInTheDatabase() {
        JsonObject removed = removedUser();
        long userId = removed.getJsonNumber("userId").longValue();
        assertEquals(
                204,
                http.delete("api/admin/users/" + userId + "/sessions", bearer(adminToken()))
                        .status());
        assertEquals(0, passport.redis().exists("sess:" + userId));
        assertProblem(http.get("api/passport/me", bearer(removed.getString("token"))), 401, "TOKEN_REVOKED");
    }

    @Test
    void aUserRemovedFromTheDatabaseIsRevokedWhereverTheAccountIsReadNeverAServerError() {
        long video = create(passport.token(passport.newUser()), "still here")
                .getJsonNumber("id")
                .longValue();

        JsonObject creator = removedUser();
        assertProblem(
                http.post("api/videos", video("orphan"), bearer(creator.getString("token"))), 401, "TOKEN_REVOKED");
        assertProblem(http.get("api/passport/me", bearer(creator.getString("token"))), 401, "TOKEN_REVOKED");
        assertEquals(
                0,
                passport.redis().exists("sess:" + creator.getJsonNumber("userId")),
                "the service ended the sessions it found orphaned");

        assertProblem(
                http.post("api/passport/refresh", null, bearer(removedUser().getString("token"))),
                401,
                "TOKEN_REVOKED");
        assertProblem(
                http.put(
                        "api/passport/password",
                        json("currentPassword", PASSWORD, "newPassword", "another fine passphrase"),
                        bearer(removedUser().getString("token"))),
                401,
                "TOKEN_REVOKED");
        assertProblem(http.get("api/videos/" + video, bearer(removedUser().getString("token"))), 401, "TOKEN_REVOKED");
        assertProblem(
                http.put(
                        "api/videos/" + video,
                        video("taken over"),
                        bearer(removedUser().getString("token"))),
                401,
                "TOKEN_REVOKED");
        assertProblem(
                http.delete("api/videos/" + video, bearer(removedUser().getString("token"))), 401, "TOKEN_REVOKED");
        assertEquals(
                200,
                http.get("api/videos/" + video, bearer(passport.token(passport.newUser())))
                        .status());
    }

    @Test
    void aDisabledUserLosesEverySessionAndCannotLogInUntilEnabledAgain() {
        String mobile = passport.newUser();
        JsonObject first = passport.login(mobile);
        String second = passport.token(mobile);
        long userId = first.getJsonNumber("userId").longValue();
        String admin = adminToken();

        Reply disabled = http.put("api/admin/users/" + userId + "/status", "{\"enabled\":false}", bearer(admin));
        assertEquals(200, disabled.status(), disabled::toString);
        assertFalse(disabled.json().getBoolean("enabled"));
        assertEquals(mobile, disabled.json().getString("mobile"));
        assertProblem(http.get("api/passport/me", bearer(first.getString("token"))), 401, "TOKEN_REVOKED");
        assertProblem(http.post("api/passport/refresh", null, bearer(second)), 401, "TOKEN_REVOKED");
        assertProblem(passport.tryLogin(mobile, PASSWORD), 403, "ACCOUNT_DISABLED");
        assertProblem(passport.tryLogin(mobile, "not the password at all"), 401, "INVALID_CREDENTIALS");

        Reply enabled = http.put("api/admin/users/" + userId + "/status", "{\"enabled\":true}", bearer(admin));
        assertEquals(200, enabled.status(), enabled::toString);
        assertTrue(enabled.json().getBoolean("enabled"));
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void accountStateChangesTakeAStrictBodyAndAKnownUser() {
        String mobile = passport.newUser();
        long userId = passport.login(mobile).getJsonNumber("userId").longValue();
        String admin = adminToken();
        for (String body : List.of(
                "{}",
                "{\"enabled\":null}",
                "{\"enabled\":\"false\"}",
                "{\"enabled\":\"no\"}",
                "{\"enabled\":0}",
                "{\"enabled\":[false]}",
                "")) {
            assertProblem(
                    http.put("api/admin/users/" + userId + "/status", body, bearer(admin)), 400, "VALIDATION_FAILED");
        }
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status(), "no bad body disabled the account");
        assertProblem(
                http.put("api/admin/users/999999999/status", "{\"enabled\":false}", bearer(admin)), 404, "NOT_FOUND");
        assertProblem(http.delete("api/admin/users/999999999", bearer(admin)), 404, "NOT_FOUND");
        String user = passport.token(passport.newUser());
        assertProblem(
                http.put("api/admin/users/" + userId + "/status", "{\"enabled\":false}", bearer(user)),
                403,
                "FORBIDDEN");
        assertProblem(http.delete("api/admin/users/" + userId, bearer(user)), 403, "FORBIDDEN");
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void anAdminDeletesAUserWithTheirVideosAndTheMobileCanRegisterAgain() {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        long userId = login.getJsonNumber("userId").longValue();
        long video = create(login.getString("token"), "goes with its owner")
                .getJsonNumber("id")
                .longValue();
        String other = passport.token(passport.newUser());

        assertEquals(
                204,
                http.delete("api/admin/users/" + userId, bearer(adminToken())).status());
        assertProblem(http.get("api/passport/me", bearer(login.getString("token"))), 401, "TOKEN_REVOKED");
        assertEquals(0, passport.redis().exists("sess:" + userId));
        assertProblem(http.get("api/videos/" + video, bearer(other)), 404, "NOT_FOUND");
        assertProblem(passport.tryLogin(mobile, PASSWORD), 401, "INVALID_CREDENTIALS");
        assertProblem(http.delete("api/admin/users/" + userId, bearer(adminToken())), 404, "NOT_FOUND");

        assertEquals(201, passport.tryRegister(mobile, PASSWORD, null).status());
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @Test
    void videoAndAdminEventsAreAudited() throws Exception {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        String token = login.getString("token");
        long id = create(token, "audited").getJsonNumber("id").longValue();
        http.get("api/videos/" + id, bearer(token));
        http.put("api/videos/" + id, video("audited again"), bearer(token));
        http.delete("api/videos/" + id, bearer(token));
        long userId = login.getJsonNumber("userId").longValue();
        String admin = adminToken();
        http.put("api/admin/users/" + userId + "/roles", "{\"roles\":[\"user\"]}", bearer(admin));
        http.delete("api/admin/users/" + userId + "/sessions", bearer(admin));

        Path audit = Path.of(System.getProperty("it.log.dir"), "audit.log");
        List<String> expected = List.of("video.view", "video.create", "video.update", "video.delete");
        await(() -> lines(audit).stream()
                        .filter(l -> l.contains("\"target\":\"video:" + id + "\""))
                        .count()
                >= expected.size());
        List<String> videoLines = lines(audit).stream()
                .filter(l -> l.contains("\"target\":\"video:" + id + "\""))
                .toList();
        for (String event : expected) {
            assertTrue(
                    videoLines.stream()
                            .anyMatch(l ->
                                    l.contains("\"event\":\"" + event + "\"") && l.contains("\"userId\":" + userId)),
                    event);
        }
        await(() -> lines(audit).stream()
                        .filter(l -> l.contains("\"target\":\"user:" + userId + "\""))
                        .count()
                >= 2);
        List<String> adminLines = lines(audit).stream()
                .filter(l -> l.contains("\"target\":\"user:" + userId + "\""))
                .toList();
        assertTrue(adminLines.stream().anyMatch(l -> l.contains("\"event\":\"admin.roles\"")));
        assertTrue(adminLines.stream().anyMatch(l -> l.contains("\"event\":\"admin.sessions.revoke\"")));
        assertFalse(String.join("\n", lines(audit)).contains(token));
    }

    @Test
    void disablingEnablingAndDeletingAUserAreEachAuditedOnce() throws Exception {
        long userId = passport.login(passport.newUser()).getJsonNumber("userId").longValue();
        adminToken();
        JsonObject adminLogin = passport.login(ADMIN);
        String admin = adminLogin.getString("token");
        http.put("api/admin/users/" + userId + "/status", "{\"enabled\":false}", bearer(admin));
        http.put("api/admin/users/" + userId + "/status", "{\"enabled\":true}", bearer(admin));
        assertEquals(
                204, http.delete("api/admin/users/" + userId, bearer(admin)).status());

        // this admin session's lines: ids come again when a run starts from an empty database, the audit log stays
        Path audit = Path.of(System.getProperty("it.log.dir"), "audit.log");
        String marker = "\"userId\":" + adminLogin.getJsonNumber("userId") + ",\"sessionId\":\""
                + adminLogin.getString("sessionId") + "\"";
        List<String> expected = List.of("admin.user.disable", "admin.user.enable", "admin.user.delete");
        await(() -> events(audit, marker).containsAll(expected));
        List<String> events = events(audit, marker);
        for (String event : expected) {
            assertEquals(1, events.stream().filter(event::equals).count(), events::toString);
        }
        assertTrue(
                lines(audit).stream()
                        .filter(l -> l.contains(marker) && l.contains("\"event\":\"admin.user."))
                        .allMatch(l -> l.contains("\"target\":\"user:" + userId + "\"")),
                "the user acted on");
    }

    @Test
    void refusedAccessIsAuditedWithItsReasonUserAndSession() throws Exception {
        String mobile = passport.newUser();
        Reply cookieLogin =
                http.post("api/passport/login", json("mobile", mobile, "password", PASSWORD, "cookie", true));
        JsonObject login = cookieLogin.json();
        long userId = login.getJsonNumber("userId").longValue();
        String token = login.getString("token");
        long othersVideo = create(passport.token(passport.newUser()), "not yours")
                .getJsonNumber("id")
                .longValue();

        assertProblem(http.get("api/admin/users", bearer(token)), 403, "FORBIDDEN");
        assertProblem(http.delete("api/videos/" + othersVideo, bearer(token)), 403, "FORBIDDEN");
        assertProblem(
                http.post("api/passport/refresh", null, "Cookie", "access_token=" + token + "; csrf_token=abc"),
                403,
                "CSRF_INVALID");

        Path audit = Path.of(System.getProperty("it.log.dir"), "audit.log");
        String mine = "\"userId\":" + userId + ",\"sessionId\":\"" + login.getString("sessionId") + "\"";
        await(() -> lines(audit).stream()
                        .filter(l -> l.contains("\"event\":\"access.denied\"") && l.contains(mine))
                        .count()
                >= 3);
        List<JsonObject> denied = lines(audit).stream()
                .filter(l -> l.contains("\"event\":\"access.denied\"") && l.contains(mine))
                .map(l -> Json.createReader(new StringReader(l)).readObject())
                .toList();
        assertEquals(
                List.of("CSRF_INVALID", "FORBIDDEN", "FORBIDDEN"),
                denied.stream().map(l -> l.getString("reason")).sorted().toList());
        for (JsonObject line : denied) {
            assertEquals("failure", line.getString("outcome"));
            assertEquals(login.getString("sessionId"), line.getString("sessionId"));
        }
        assertFalse(String.join("\n", lines(audit)).contains(token));
    }

    @Test
    void theClientAddressComesFromXForwardedForOnlyThroughATrustedProxy() {
        String mobile = passport.newUser();
        String token = passport.tryLogin(mobile, PASSWORD, "X-Forwarded-For", "203.0.113.9, 127.0.0.1")
                .json()
                .getString("token");
        assertEquals(
                "203.0.113.9",
                http.get("api/passport/sessions", bearer(token))
                        .array()
                        .getJsonObject(0)
                        .getString("ip"));
    }

    @Test
    void metricsCountLoginsRejectionsAndActiveSessions() {
        String mobile = passport.newUser();
        passport.token(mobile);
        passport.tryLogin(mobile, "a wrong password");
        http.get("api/passport/me", "Authorization", "Bearer nonsense");
        Reply metrics = http.get("metrics");
        assertEquals(200, metrics.status());
        String text = metrics.body();
        for (String expected : List.of(
                "auth_logins_total",
                "outcome=\"success\"",
                "outcome=\"invalid_credentials\"",
                "auth_tokens_rejected_total",
                "reason=\"token_invalid\"",
                "auth_sessions_active")) {
            assertTrue(text.contains(expected), expected);
        }
    }

    @Test
    void everyMetricIsDescribedAndTheLatenciesAndThePoolAreMeasured() {
        String mobile = passport.newUser();
        http.get("api/passport/me", bearer(passport.token(mobile)));
        String text = http.get("metrics").body();
        List<String> lines = text.lines().toList();
        List<String> helps =
                lines.stream().filter(l -> l.startsWith("# HELP auth_")).toList();
        for (String help : helps) {
            assertTrue(help.matches("# HELP auth_\\S+ \\S.*"), () -> "an empty HELP text: " + help);
        }
        List<String> described = helps.stream().map(l -> l.split(" ")[2]).toList();
        assertTrue(
                described.containsAll(List.of(
                        "auth_logins_total",
                        "auth_tokens_rejected_total",
                        "auth_sessions_active",
                        "auth_login_duration_seconds",
                        "auth_token_check_duration_seconds",
                        "auth_redis_command_duration_seconds",
                        "auth_db_pool_connections_used",
                        "auth_db_pool_connections_free",
                        "auth_db_pool_connections_acquired",
                        "auth_db_pool_wait_queue_length")),
                () -> "described: " + described);
        for (String count : List.of(
                "auth_login_duration_seconds_count",
                "auth_token_check_duration_seconds_count",
                "auth_redis_command_duration_seconds_count",
                "auth_db_pool_connections_acquired")) {
            assertTrue(sample(lines, count) > 0, () -> count + " in " + text);
        }
    }

    /** The largest value of the samples of {@code name} (any tags). */
    private static double sample(List<String> lines, String name) {
        return lines.stream()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .max()
                .orElse(-1);
    }

    @Test
    void openApiDescribesEveryPathOfTheContract() {
        Reply reply = http.get("openapi", "Accept", "application/json");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject paths = reply.json().getJsonObject("paths");
        for (String path : List.of(
                "/api/ping",
                "/api/passport/captcha",
                "/api/passport/register",
                "/api/passport/login",
                "/api/passport/refresh",
                "/api/passport/logout",
                "/api/passport/me",
                "/api/passport/sessions",
                "/api/passport/sessions/{sessionId}",
                "/api/passport/password",
                "/api/videos",
                "/api/videos/{id}",
                "/api/admin/users",
                "/api/admin/users/{userId}/roles",
                "/api/admin/users/{userId}/sessions",
                "/api/admin/users/{userId}/status",
                "/api/admin/users/{userId}")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertTrue(paths.getJsonObject("/api/passport/login")
                .getJsonObject("post")
                .getJsonObject("responses")
                .containsKey("429"));
    }

    @Test
    void readinessFollowsRedisAndProtectedRequestsFailClosedWhileItIsDown() throws Exception {
        String token = passport.token(passport.newUser());
        assertEquals(200, http.get("health/live").status());
        assertEquals(200, http.get("health/ready").status(), () -> http.get("health/ready")
                .body());

        Assumptions.assumeTrue(
                replacement != null,
                "this test stops the server's own embedded Redis; with an external Redis, TwoNodesIT covers outages");
        Path pid = Path.of(System.getProperty("it.data.dir"), "redis", "redis.pid");
        // as a crash or an operator would stop it: the server takes no SHUTDOWN command
        ProcessHandle redis =
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
        redis.destroy();
        try {
            redis.onExit().get(20, TimeUnit.SECONDS);
            await(() -> http.get("health/ready").status() == 503);
            assertTrue(http.get("health/ready").body().contains("DOWN"));
            assertEquals(200, http.get("health/live").status());
            Reply refused = http.get("api/passport/me", bearer(token));
            assertProblem(refused, 503, "SERVICE_UNAVAILABLE");
            assertTrue(refused.header("Retry-After").isPresent());
            assertProblem(passport.tryLogin("13800000000", PASSWORD), 503, "SERVICE_UNAVAILABLE");
        } finally {
            // the other tests of the class need a Redis, whatever failed above
            replacement.start();
        }
        await(() -> http.get("health/ready").status() == 200);
        assertEquals(
                200,
                http.get("api/passport/me", bearer(token)).status(),
                "sessions come back with Redis's append-only file");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The events of the audit lines that contain {@code marker}. */
    private static List<String> events(Path audit, String marker) {
        return lines(audit).stream()
                .filter(l -> l.contains(marker))
                .map(l -> Json.createReader(new StringReader(l)).readObject().getString("event"))
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(50);
        }
    }
}
