package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.client.Account;
import com.videoplatform.auth.client.AdminClient;
import com.videoplatform.auth.client.Authorization;
import com.videoplatform.auth.client.Captcha;
import com.videoplatform.auth.client.ErrorCode;
import com.videoplatform.auth.client.Introspection;
import com.videoplatform.auth.client.IntrospectionClient;
import com.videoplatform.auth.client.JwkSet;
import com.videoplatform.auth.client.LoginRequest;
import com.videoplatform.auth.client.Me;
import com.videoplatform.auth.client.Page;
import com.videoplatform.auth.client.PassportClient;
import com.videoplatform.auth.client.PasswordChange;
import com.videoplatform.auth.client.Problem;
import com.videoplatform.auth.client.ProblemException;
import com.videoplatform.auth.client.RegisterRequest;
import com.videoplatform.auth.client.Registered;
import com.videoplatform.auth.client.RoleChange;
import com.videoplatform.auth.client.Session;
import com.videoplatform.auth.client.StatusChange;
import com.videoplatform.auth.client.Token;
import com.videoplatform.auth.client.Video;
import com.videoplatform.auth.client.VideoInput;
import com.videoplatform.auth.client.VideosClient;
import com.videoplatform.auth.it.HttpApi.Reply;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shipped typed client (package com.videoplatform.auth.client, the client jar) against the
 * deployed WAR, as another service uses it: on Jersey's MicroProfile Rest Client, the whole passport
 * flow, videos, administration and introspection, and every problem code a client can provoke as a
 * {@link ProblemException}. Also: the OpenAPI document that Payara serves validates.
 */
class ClientIT extends DeployedService {

    static final String ADMIN = "13900000000";
    /** A pair of the server's AUTH_INTROSPECTION_CLIENTS (src/test/resources/arquillian.xml). */
    static final String CLIENT_ID = "it-catalogue";

    static final String CLIENT_SECRET = "it-catalogue-secret-0123456789";

    PassportClient passportApi;
    VideosClient videos;
    AdminClient admin;
    IntrospectionClient services;
    final List<Object> clients = new ArrayList<>();

    @BeforeEach
    void buildClients() throws Exception {
        passportApi = client(PassportClient.class);
        videos = client(VideosClient.class);
        admin = client(AdminClient.class);
        services = client(IntrospectionClient.class);
    }

    private <T> T client(Class<T> type) throws Exception {
        T client = RestClientBuilder.newBuilder()
                .baseUri(base.toURI())
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build(type);
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() throws IOException {
        for (Object client : clients) {
            ((Closeable) client).close();
        }
    }

    // ----- the OpenAPI document

    @Test
    void servedOpenApiDocumentValidatesInBothFormatsAndIsTheStaticOne() throws IOException {
        OpenAPI written;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            written = new OpenAPIV3Parser()
                    .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getOpenAPI();
        }
        // YAML by default (Payara labels it text/plain), JSON when asked
        for (String accept : List.of("*/*", "application/json")) {
            Reply reply = http.get("openapi", "Accept", accept);
            assertEquals(200, reply.status(), reply::toString);
            assertTrue(
                    reply.header("Content-Type").orElse("").startsWith(accept.equals("*/*") ? "text/plain" : accept),
                    reply::toString);
            // kept for a person to read, outside the logs folder: its examples hold a sample password,
            // and AdversarialIT searches every log for the passwords the tests send
            Files.writeString(
                    Path.of(
                            System.getProperty("project.dir", "."),
                            "target",
                            "openapi-served" + (accept.equals("*/*") ? ".yaml" : ".json")),
                    reply.body());
            SwaggerParseResult served = new OpenAPIV3Parser().readContents(reply.body());
            // any message fails: Payara's non-standard top-level "endpoints" was one
            assertEquals(List.of(), served.getMessages(), accept);
            OpenAPI doc = served.getOpenAPI();
            assertFalse(reply.body().contains("\"endpoints\"") || reply.body().contains("\nendpoints:"), accept);
            assertEquals(operationIds(written), operationIds(doc), accept);
            // served as written: Payara adds the servers, and writes some things another way
            assertEquals(Yaml.pretty(content(written)), Yaml.pretty(content(doc)), accept);
            assertNotNull(doc.getServers(), accept);
        }
    }

    /**
     * A document as plain maps, without the servers and without what Payara writes another way than
     * the file: the parameters of a path moved into each of its operations, and the defaults of
     * {@code style}, {@code explode} and {@code required: false} spelt out.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(OpenAPI doc) {
        Map<String, Object> map = Yaml.mapper().convertValue(doc, Map.class);
        map.remove("servers");
        Map<String, Object> operations = new TreeMap<>();
        ((Map<String, Object>) map.get("paths")).forEach((path, value) -> {
            Map<String, Object> item = (Map<String, Object>) value;
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            item.forEach((method, op) -> {
                if (!method.equals("parameters")) {
                    Map<String, Object> operation = new TreeMap<>((Map<String, Object>) op);
                    List<Object> parameters = new ArrayList<>(shared);
                    parameters.addAll((List<Object>) operation.getOrDefault("parameters", List.of()));
                    if (!parameters.isEmpty()) {
                        operation.put("parameters", parameters);
                    }
                    operations.put(method + " " + path, operation);
                }
            });
        });
        map.put("paths", operations);
        return (Map<String, Object>) withoutDefaults(map);
    }

    @SuppressWarnings("unchecked")
    private static Object withoutDefaults(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new TreeMap<>();
            ((Map<String, Object>) map).forEach((key, v) -> {
                if (!key.equals("style")
                        && !key.equals("explode")
                        && !(key.equals("required") && Boolean.FALSE.equals(v))) {
                    kept.put(key, withoutDefaults(v));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ClientIT::withoutDefaults).toList();
        }
        return value;
    }

    private static Map<String, String> operationIds(OpenAPI doc) {
        Map<String, String> ids = new TreeMap<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> ids.put(method + " " + path, op.getOperationId())));
        return ids;
    }

    // ----- passport

    /** A fresh captcha's id and its code, read from the server's Redis as only a test may. */
    private String[] solvedCaptcha() {
        Captcha captcha = passportApi.captcha();
        assertTrue(captcha.image().startsWith("data:image/png;base64,"), captcha.image());
        assertTrue(captcha.expiresIn() > 0);
        String code = passport.redis().get("captcha:" + captcha.captchaId());
        assertNotNull(code);
        return new String[] {captcha.captchaId(), code};
    }

    private Registered register(String mobile, String nickname) {
        String[] captcha = solvedCaptcha();
        return passportApi.register(new RegisterRequest(mobile, PASSWORD, captcha[0], captcha[1], nickname));
    }

    private Token login(String mobile) {
        return passportApi.login(new LoginRequest(mobile, PASSWORD));
    }

    /** The call fails with a problem of this status and code, which it returns. */
    private static ProblemException problem(int status, ErrorCode code, Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(status, e.status(), e::getMessage);
        assertEquals(code, e.code(), e::getMessage);
        Problem problem = e.problem();
        assertEquals(code.name(), problem.code());
        assertEquals(status, problem.status());
        assertTrue(problem.type().startsWith("urn:video-platform:problem:"), problem::type);
        assertNotNull(problem.title());
        assertNotNull(problem.detail());
        return e;
    }

    @Test
    void wholePassportFlow() {
        String mobile = Passport.newMobile();
        Registered registered = register(mobile, "Client Flow");
        assertEquals(mobile, registered.mobile());
        assertEquals("Client Flow", registered.nickname());
        assertTrue(registered.userId() > 0);

        Token token = login(mobile);
        assertEquals("Bearer", token.tokenType());
        assertEquals(registered.userId(), token.userId());
        assertTrue(token.expiresIn() > 0);

        Me me = passportApi.me(token.authorization());
        assertEquals(registered.userId(), me.userId());
        assertEquals(mobile, me.mobile());
        assertEquals("Client Flow", me.nickname());
        assertEquals(Set.of("user"), me.roles());
        assertNotNull(me.lastLoginAt());

        Token other = login(mobile);
        List<Session> sessions = passportApi.sessions(token.authorization());
        assertEquals(2, sessions.size(), sessions::toString);
        assertEquals(
                List.of(token.sessionId()),
                sessions.stream()
                        .filter(Session::current)
                        .map(Session::sessionId)
                        .toList());
        assertTrue(sessions.stream().allMatch(s -> s.createdAt() != null));
        passportApi.endSession(token.authorization(), other.sessionId());
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(other.authorization()));
        assertEquals(1, passportApi.sessions(token.authorization()).size());
        problem(404, ErrorCode.NOT_FOUND, () -> passportApi.endSession(token.authorization(), other.sessionId()));

        Token refreshed = passportApi.refresh(token.authorization());
        assertEquals(token.sessionId(), refreshed.sessionId());
        assertNotEquals(token.token(), refreshed.token());
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(token.authorization()));
        assertEquals(
                registered.userId(), passportApi.me(refreshed.authorization()).userId());

        ProblemException wrong = problem(
                400,
                ErrorCode.VALIDATION_FAILED,
                () -> passportApi.changePassword(
                        refreshed.authorization(), new PasswordChange("not the password", "another good passphrase")));
        assertEquals(
                List.of("currentPassword"),
                wrong.errors().stream().map(Problem.FieldError::field).toList());
        passportApi.changePassword(refreshed.authorization(), new PasswordChange(PASSWORD, "another good passphrase"));
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(refreshed.authorization()));
        problem(401, ErrorCode.INVALID_CREDENTIALS, () -> login(mobile));

        Token again = passportApi.login(new LoginRequest(mobile, "another good passphrase"));
        passportApi.logout(again.authorization());
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(again.authorization()));
    }

    @Test
    void passportProblemsCarryTheirCodes() {
        problem(401, ErrorCode.AUTH_REQUIRED, () -> passportApi.me(null));
        problem(401, ErrorCode.TOKEN_INVALID, () -> passportApi.me(Authorization.bearer("not.a.token")));

        ProblemException invalid = problem(
                400,
                ErrorCode.VALIDATION_FAILED,
                () -> passportApi.register(new RegisterRequest("12345", PASSWORD, "x", "y", null)));
        assertTrue(
                invalid.errors().stream()
                        .anyMatch(
                                f -> f.field().equals("mobile") && !f.message().isBlank()),
                invalid.errors()::toString);
        String mobile = Passport.newMobile();
        String[] captcha = solvedCaptcha();
        problem(
                400,
                ErrorCode.CAPTCHA_INVALID,
                () -> passportApi.register(new RegisterRequest(mobile, PASSWORD, captcha[0], "wrong!", null)));
        register(mobile, null);
        problem(409, ErrorCode.MOBILE_TAKEN, () -> register(mobile, null));
        assertEquals(mobile, passportApi.me(login(mobile).authorization()).nickname());

        for (int i = 0; i < 5; i++) {
            problem(
                    401,
                    ErrorCode.INVALID_CREDENTIALS,
                    () -> passportApi.login(new LoginRequest(mobile, "not the password")));
        }
        ProblemException throttled = problem(429, ErrorCode.TOO_MANY_ATTEMPTS, () -> login(mobile));
        assertTrue(throttled.retryAfter().orElseThrow().getSeconds() > 0, throttled::getMessage);
        passport.redis().del("throttle:login:ip:127.0.0.1");
    }

    // ----- videos

    @Test
    void videosThroughTheClient() {
        String owner = login(passport.newUser()).authorization();
        String stranger = login(passport.newUser()).authorization();

        Video created = videos.create(
                owner, new VideoInput("Client video", "made by the typed client", 95, "https://cdn.example.com/c.mp4"));
        assertTrue(created.id() > 0);
        assertEquals("Client video", created.title());
        assertEquals(95, created.durationSeconds());
        assertNotNull(created.createdAt());
        assertEquals(created, videos.get(stranger, created.id()));

        Page<Video> first = videos.list(null, null);
        assertEquals(0, first.page());
        assertEquals(20, first.size());
        assertTrue(first.total() >= 1);
        assertEquals(created.id(), first.items().get(0).id(), "newest first");
        assertEquals(1, videos.list(0, 1).items().size());

        Video updated = videos.update(
                owner, created.id(), new VideoInput("Renamed", null, 96, "https://cdn.example.com/r.mp4"));
        assertEquals("Renamed", updated.title());
        assertNull(updated.description());
        assertEquals(created.createdAt(), updated.createdAt());
        problem(
                403,
                ErrorCode.FORBIDDEN,
                () -> videos.update(stranger, created.id(), new VideoInput("Mine", null, 1, "https://x.example")));
        problem(403, ErrorCode.FORBIDDEN, () -> videos.delete(stranger, created.id()));

        ProblemException page = problem(400, ErrorCode.VALIDATION_FAILED, () -> videos.list(0, 101));
        assertEquals(
                List.of("size"),
                page.errors().stream().map(Problem.FieldError::field).toList());
        ProblemException fields = problem(
                400, ErrorCode.VALIDATION_FAILED, () -> videos.create(owner, new VideoInput("", null, 0, null)));
        assertEquals(
                Set.of("title", "durationSeconds", "url"),
                Set.copyOf(
                        fields.errors().stream().map(Problem.FieldError::field).toList()));
        problem(
                413,
                ErrorCode.PAYLOAD_TOO_LARGE,
                () -> videos.create(owner, new VideoInput("Big", "x".repeat(70_000), 1, "https://x.example")));
        problem(
                401,
                ErrorCode.AUTH_REQUIRED,
                () -> videos.create(null, new VideoInput("t", null, 1, "https://x.example")));

        videos.delete(owner, created.id());
        problem(404, ErrorCode.NOT_FOUND, () -> videos.get(owner, created.id()));
    }

    // ----- administration

    private String adminAuthorization() {
        try {
            return login(ADMIN).authorization();
        } catch (ProblemException e) {
            assertEquals(ErrorCode.INVALID_CREDENTIALS, e.code(), e::getMessage);
            register(ADMIN, null);
            return login(ADMIN).authorization();
        }
    }

    @Test
    void administrationThroughTheClient() {
        String root = adminAuthorization();
        String mobile = passport.newUser();
        String user = login(mobile).authorization();
        long userId = passportApi.me(user).userId();

        problem(403, ErrorCode.FORBIDDEN, () -> admin.list(user, null, null));
        Page<Account> users = admin.list(root, 0, 100);
        assertTrue(users.total() >= 2);
        assertEquals(100, users.size());

        Account promoted = admin.setRoles(root, userId, new RoleChange(List.of("user", "admin")));
        assertEquals(Set.of("user", "admin"), promoted.roles());
        assertTrue(promoted.enabled());
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(user));
        ProblemException unknownRole = problem(
                400, ErrorCode.VALIDATION_FAILED, () -> admin.setRoles(root, userId, new RoleChange(List.of("owner"))));
        assertEquals(
                List.of("roles"),
                unknownRole.errors().stream().map(Problem.FieldError::field).toList());

        Account disabled = admin.setStatus(root, userId, new StatusChange(false));
        assertFalse(disabled.enabled());
        problem(403, ErrorCode.ACCOUNT_DISABLED, () -> login(mobile));
        assertTrue(admin.setStatus(root, userId, new StatusChange(true)).enabled());

        String again = login(mobile).authorization();
        admin.endSessions(root, userId);
        problem(401, ErrorCode.TOKEN_REVOKED, () -> passportApi.me(again));

        admin.delete(root, userId);
        problem(404, ErrorCode.NOT_FOUND, () -> admin.delete(root, userId));
        problem(404, ErrorCode.NOT_FOUND, () -> admin.setStatus(root, userId, new StatusChange(true)));
    }

    // ----- for other services

    @Test
    void introspectionAndTheJwkSetThroughTheClient() {
        String client = Authorization.basic(CLIENT_ID, CLIENT_SECRET);
        String mobile = passport.newUser();
        Token token = login(mobile);

        Introspection live = services.introspect(client, token.token());
        assertTrue(live.active());
        assertEquals(Long.toString(token.userId()), live.sub());
        assertEquals(token.sessionId(), live.sid());
        assertEquals(Set.of("user"), live.roles());
        assertEquals("Bearer", live.tokenType());
        assertEquals(CLIENT_ID, live.clientId());
        assertNotNull(live.jti());
        assertNotNull(live.iss());
        assertNotNull(live.aud());
        assertEquals(token.expiresIn(), live.exp() - live.iat());

        passportApi.logout(token.authorization());
        assertEquals(
                new Introspection(false, null, null, null, null, null, null, null, null, null, null),
                services.introspect(client, token.token()));
        assertFalse(services.introspect(client, "not.a.token").active());

        problem(
                401,
                ErrorCode.CLIENT_UNAUTHORIZED,
                () -> services.introspect(Authorization.basic(CLIENT_ID, "a wrong secret of length"), token.token()));
        problem(401, ErrorCode.CLIENT_UNAUTHORIZED, () -> services.introspect(null, token.token()));
        problem(400, ErrorCode.VALIDATION_FAILED, () -> services.introspect(client, null));
        passport.redis().del("throttle:client:ip:127.0.0.1");

        JwkSet keys = services.jwks();
        assertNotNull(keys.keys());
        for (JwkSet.Jwk key : keys.keys()) {
            assertEquals("EC", key.kty());
            assertEquals("P-256", key.crv());
            assertEquals("ES256", key.alg());
            assertEquals("sig", key.use());
            assertNotNull(key.kid());
        }
    }
}
