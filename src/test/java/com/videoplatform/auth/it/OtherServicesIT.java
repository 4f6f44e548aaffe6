package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.videoplatform.auth.client.IntrospectionClient;
import com.videoplatform.auth.it.HttpApi.Reply;
import com.videoplatform.auth.it.consumer.CatalogueApp;
import com.videoplatform.auth.it.consumer.CatalogueResource;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Another platform service trusts our tokens (README, "For other services"): the service signs
 * ES256, started by the README's script; a second Payara Micro runs a tiny catalogue service from
 * the test tree that verifies tokens offline with MicroProfile JWT against our JWK Set, maps roles
 * through {@code groups}, and introspects when revocation matters. A key rotation on our side keeps
 * old and new tokens verifying there.
 */
class OtherServicesIT {

    static final Path PROJECT = Path.of(System.getProperty("project.dir", "."));
    static final Path WORK = PROJECT.resolve("target/other-services-it");
    static final String ADMIN = "13900000002";
    static final String CLIENT = "catalogue";
    static final String CLIENT_SECRET = "catalogue-secret-0123456789";
    static final int CLIENT_FAILURES = 5;

    static int port;
    static int redisPort;
    static RedisServer redis;
    /** The key the service signs with now. */
    static KeyPair currentKey;

    static ServerProcess service;
    static Process catalogue;
    static HttpApi catalogueHttp;

    Passport passport;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("redis"));
        redisPort = ServerProcess.freePort();
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("dir " + WORK.toAbsolutePath().resolve("redis"))
                .build();
        redis.start();
        port = ServerProcess.freePort();
        currentKey = newKey();
        // the catalogue boots while the service does; it fetches the JWK Set at its first token
        catalogue = startCatalogue();
        service = startService(currentKey, List.of());
        awaitCatalogue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (catalogue != null) {
            catalogue.destroy();
            if (!catalogue.waitFor(60, TimeUnit.SECONDS)) {
                catalogue.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        if (jwksRelay != null) {
            jwksRelay.stop(0);
        }
    }

    @BeforeEach
    void connect() {
        passport = new Passport(service.base, "redis://127.0.0.1:" + redisPort);
    }

    @AfterEach
    void disconnect() {
        passport.close();
    }

    static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    /** Our service on the fixed port, signing with {@code signing} and accepting the {@code previous} public keys. */
    static ServerProcess startService(KeyPair signing, List<KeyPair> previous) throws Exception {
        Path keyFile = WORK.resolve("signing-" + signing.getPublic().hashCode() + ".pem");
        Files.writeString(keyFile, pem("PRIVATE KEY", signing.getPrivate().getEncoded()));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("REDIS_URI", "redis://127.0.0.1:" + redisPort);
        env.put("AUTH_JWT_ALGORITHM", "ES256");
        env.put("AUTH_JWT_SIGNING_KEY", keyFile.toString());
        env.put(
                "AUTH_JWT_PREVIOUS_KEYS",
                String.join(
                        ",",
                        previous.stream()
                                .map(pair -> pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                                .toList()));
        env.put("AUTH_INTROSPECTION_CLIENTS", CLIENT + ":" + CLIENT_SECRET);
        env.put("AUTH_ADMIN_MOBILES", ADMIN);
        env.put("AUTH_IP_MAX_FAILURES", Integer.toString(CLIENT_FAILURES));
        env.put("AUTH_TRUSTED_PROXIES", "127.0.0.1");
        env.put("CAPTCHA_PER_MINUTE", "100000");
        return ServerProcess.start(PROJECT, WORK, "service", env);
    }

    static int cataloguePort;

    /**
     * The catalogue fetches our JWK Set through this pass-through, which shortens its max-age from
     * 300 s to 1 s: Payara's MicroProfile JWT keeps a key set as long as its max-age says, and a
     * test cannot wait the 5 minutes of the staged rotation that docs/operations.md describes.
     */
    static HttpServer jwksRelay;

    static void startJwksRelay() throws IOException {
        jwksRelay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpClient client = HttpClient.newHttpClient();
        jwksRelay.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                HttpResponse<byte[]> ours = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders()
                        .set(
                                "Content-Type",
                                ours.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=1");
                exchange.sendResponseHeaders(ours.statusCode(), ours.body().length);
                exchange.getResponseBody().write(ours.body());
            } catch (IOException | InterruptedException e) {
                exchange.sendResponseHeaders(502, -1);
            }
        });
        jwksRelay.start();
    }

    static Process startCatalogue() throws Exception {
        startJwksRelay();
        cataloguePort = ServerProcess.freePort();
        Path war = WORK.resolve("catalogue.war");
        ShrinkWrap.create(WebArchive.class, "catalogue.war")
                .addClasses(CatalogueApp.class, CatalogueResource.class)
                .addPackage(IntrospectionClient.class.getPackage())
                .addAsWebInfResource(new StringAsset("<beans bean-discovery-mode=\"all\"/>"), "beans.xml")
                .as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        String self = "http://127.0.0.1:" + port;
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-Dmp.jwt.verify.publickey.location=http://127.0.0.1:"
                                + jwksRelay.getAddress().getPort() + "/.well-known/jwks.json",
                        "-Dmp.jwt.verify.issuer=video-platform",
                        "-Dmp.jwt.verify.audiences=video-platform-api",
                        // the typed client's address (README, "The Java client"), and the catalogue's credentials
                        "-Dvideo-auth/mp-rest/url=" + self,
                        "-Dcatalogue.client.id=" + CLIENT,
                        "-Dcatalogue.client.secret=" + CLIENT_SECRET,
                        "-jar",
                        PROJECT.resolve("target/payara/payara-micro.jar").toString(),
                        "--nohazelcast",
                        "--port",
                        Integer.toString(cataloguePort),
                        "--contextroot",
                        "/",
                        "--deploy",
                        war.toString())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("catalogue.log").toFile())
                .start();
    }

    static void awaitCatalogue() throws Exception {
        catalogueHttp = new HttpApi(URI.create("http://127.0.0.1:" + cataloguePort + "/"));
        awaitTrue(
                () -> {
                    assertTrue(catalogue.isAlive(), "the catalogue service exited; see catalogue.log");
                    try {
                        return catalogueHttp.get("catalogue/whoami").status() == 401;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                },
                240);
    }

    static void awaitTrue(Supplier<Boolean> condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in " + seconds + " s");
            Thread.sleep(200);
        }
    }

    Reply atCatalogue(String path, String token) {
        return catalogueHttp.get("catalogue/" + path, bearer(token));
    }

    Reply introspect(String token, String credentials, String ip) {
        return passport.http.post(
                "api/passport/introspect",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
                "X-Forwarded-For",
                ip);
    }

    Reply introspect(String token) {
        return introspect(token, CLIENT + ":" + CLIENT_SECRET, Passport.newIp());
    }

    @Test
    void theCatalogueAcceptsOurTokensOfflineWithRolesFromGroups() {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        String token = login.getString("token");
        String sub = Long.toString(login.getJsonNumber("userId").longValue());

        Reply whoami = atCatalogue("whoami", token);
        assertEquals(200, whoami.status(), whoami::toString);
        assertEquals(sub + " [user]", whoami.body());
        assertEquals(403, atCatalogue("admin", token).status());

        int registered = passport.tryRegister(ADMIN, Passport.PASSWORD, null).status();
        assertTrue(registered == 201 || registered == 409, "the admin is registered once a run");
        String admin = passport.token(ADMIN);
        Reply adminCall = atCatalogue("admin", admin);
        assertEquals(200, adminCall.status(), adminCall::toString);
        assertTrue(atCatalogue("whoami", admin).body().endsWith("[admin, user]"));

        // offline: the catalogue never asks us, so a logged-out token still passes there; introspection knows better
        JsonObject live = jsonOf(atCatalogue("live", token));
        assertTrue(live.getBoolean("active"), live::toString);
        assertEquals(
                204,
                passport.http.post("api/passport/logout", null, bearer(token)).status());
        assertEquals(200, atCatalogue("whoami", token).status());
        assertEquals("{\"active\":false}", introspect(token).body());
    }

    static JsonObject jsonOf(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void tokensSignedByAnotherKeyAreRefusedThere() throws Exception {
        String mobile = passport.newUser();
        String token = passport.token(mobile);
        String[] parts = token.split("\\.");
        String kid = new JsonWebKeySet(
                        passport.http.get(".well-known/jwks.json").body())
                .getJsonWebKeys()
                .get(0)
                .getKeyId();
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.setStringListClaim("groups", List.of("user", "admin"));
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(claims.toJson());
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        forged.setKeyIdHeaderValue(kid);
        forged.setHeader("typ", "JWT");
        forged.setKey(newKey().getPrivate());
        String forgedToken = forged.getCompactSerialization();

        assertEquals(200, atCatalogue("whoami", token).status());
        assertEquals(401, atCatalogue("whoami", forgedToken).status());
        assertEquals(401, atCatalogue("admin", forgedToken).status());
        assertEquals(
                401, passport.http.get("api/passport/me", bearer(forgedToken)).status());
        assertEquals("{\"active\":false}", introspect(forgedToken).body());
    }

    @Test
    void introspectionAnswersWhatMeWouldWithTheClaims() throws Exception {
        String mobile = passport.newUser();
        JsonObject login = passport.login(mobile);
        String token = login.getString("token");
        long now = Instant.now().getEpochSecond();

        Reply reply = introspect(token);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject active = reply.json();
        assertTrue(active.getBoolean("active"));
        assertEquals(Long.toString(login.getJsonNumber("userId").longValue()), active.getString("sub"));
        assertEquals(login.getString("sessionId"), active.getString("sid"));
        assertEquals("video-platform", active.getString("iss"));
        assertEquals("video-platform-api", active.getString("aud"));
        assertEquals("Bearer", active.getString("token_type"));
        assertEquals(CLIENT, active.getString("client_id"));
        assertEquals("[\"user\"]", active.getJsonArray("roles").toString());
        assertTrue(Math.abs(active.getJsonNumber("iat").longValue() - now) < 60);
        assertEquals(
                login.getJsonNumber("expiresIn").longValue(),
                active.getJsonNumber("exp").longValue()
                        - active.getJsonNumber("iat").longValue());
        assertFalse(active.getString("jti").isEmpty());

        // rotated away by a refresh: inactive; the new token is active
        Reply refreshed = passport.http.post("api/passport/refresh", null, bearer(token));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals("{\"active\":false}", introspect(token).body());
        String next = refreshed.json().getString("token");
        assertTrue(jsonOf(introspect(next)).getBoolean("active"));

        // expired: a token of our own key, valid in every other way, whose exp has passed
        assertEquals("{\"active\":false}", introspect(expiredCopyOf(next)).body());
        // garbage and a bad signature
        assertEquals("{\"active\":false}", introspect("not-a-token").body());
        String[] parts = next.split("\\.");
        assertEquals(
                "{\"active\":false}",
                introspect(parts[0] + "." + parts[1] + ".AAAA").body());
        // revoked by an ended session
        assertEquals(
                204,
                passport.http.post("api/passport/logout", null, bearer(next)).status());
        assertEquals("{\"active\":false}", introspect(next).body());

        String audit = Files.readString(WORK.resolve("service/logs/audit.log"));
        assertTrue(audit.contains("\"event\":\"introspect\""), "introspect is audited");
        assertFalse(audit.contains(next) || audit.contains(parts[2]), "no token in the audit log");
    }

    /** The same claims with exp in the past, signed by the service's current key (the test made it). */
    String expiredCopyOf(String token) throws Exception {
        String[] parts = token.split("\\.");
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 600));
        claims.setNotBefore(NumericDate.fromSeconds(now - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(now - 120));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        jws.setKeyIdHeaderValue(header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1"));
        jws.setHeader("typ", "JWT");
        jws.setKey(currentKey.getPrivate());
        return jws.getCompactSerialization();
    }

    @Test
    void clientsMustAuthenticateAndFailuresAreThrottled() {
        String token = passport.token(passport.newUser());
        String ip = Passport.newIp();
        for (String credentials : new String[] {CLIENT + ":wrong-secret-0123456789", "nobody:" + CLIENT_SECRET, ""}) {
            Reply refused = introspect(token, credentials, ip);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("CLIENT_UNAUTHORIZED", refused.code());
            assertEquals(
                    "Basic realm=\"video\"", refused.header("WWW-Authenticate").orElse(""));
            assertEquals(
                    "application/problem+json", refused.header("Content-Type").orElse(""));
        }
        Reply none = passport.http.post(
                "api/passport/introspect",
                "token=" + token,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Forwarded-For",
                ip);
        assertEquals(401, none.status());
        assertEquals("CLIENT_UNAUTHORIZED", none.code());
        // the limit is CLIENT_FAILURES; the next failure is refused with 429, and then so are the right credentials
        Reply fifth = introspect(token, CLIENT + ":wrong", ip);
        assertEquals(401, fifth.status(), fifth::toString);
        Reply full = introspect(token, CLIENT + ":wrong", ip);
        assertEquals(429, full.status(), full::toString);
        assertTrue(full.header("Retry-After").isPresent());
        assertEquals(429, introspect(token, CLIENT + ":" + CLIENT_SECRET, ip).status());
        // another address is not held back
        assertEquals(200, introspect(token).status());
        // a body that is not a form is refused, as is a request without a token
        Reply json = passport.http.post(
                "api/passport/introspect",
                "{\"token\":\"x\"}",
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((CLIENT + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertEquals(415, json.status(), json::toString);
        assertEquals(
                400,
                introspect("", CLIENT + ":" + CLIENT_SECRET, Passport.newIp()).status());
    }

    @Test
    void theJwkSetPublishesOnlyPublicEcKeys() throws Exception {
        Reply reply = passport.http.get(".well-known/jwks.json");
        assertEquals(200, reply.status());
        assertEquals("public, max-age=300", reply.header("Cache-Control").orElse(""));
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        JsonObject key = reply.json().getJsonArray("keys").getJsonObject(0);
        assertEquals("EC", key.getString("kty"));
        assertEquals("P-256", key.getString("crv"));
        assertEquals("ES256", key.getString("alg"));
        assertEquals("sig", key.getString("use"));
        assertFalse(key.containsKey("d"));
        assertEquals(
                1L,
                new JsonWebKeySet(reply.body())
                        .getJsonWebKeys().stream()
                                .filter(k -> k.getKeyId().equals(key.getString("kid")))
                                .count());
    }

    /**
     * A rotation: the service restarts with a new signing key and the old public key among the
     * previous ones. Old and new tokens then verify here and at the catalogue, which learns the
     * new key from the JWK Set; the old token stays live until it expires.
     */
    @Test
    void afterAKeyRotationOldAndNewTokensVerifyEverywhere() throws Exception {
        String mobile = passport.newUser();
        String before = passport.token(mobile);
        assertEquals(200, atCatalogue("whoami", before).status());

        KeyPair next = newKey();
        KeyPair previous = currentKey;
        service.close();
        service = startService(next, List.of(previous));
        currentKey = next;
        passport.close();
        passport = new Passport(service.base, "redis://127.0.0.1:" + redisPort);

        String after = passport.token(mobile);
        assertNotEquals(kidOf(before), kidOf(after));
        assertEquals(
                2,
                passport.http
                        .get(".well-known/jwks.json")
                        .json()
                        .getJsonArray("keys")
                        .size());
        awaitTrue(() -> atCatalogue("whoami", after).status() == 200, 30);
        assertEquals(200, atCatalogue("whoami", before).status());
        assertEquals(200, passport.http.get("api/passport/me", bearer(before)).status());
        assertTrue(jsonOf(introspect(before)).getBoolean("active"));
    }

    static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
