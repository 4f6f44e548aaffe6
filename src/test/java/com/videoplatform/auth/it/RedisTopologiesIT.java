package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

/**
 * The other Redis topologies of REDIS_URI, each with a server started by the README's run script:
 * TLS ({@code rediss://}, the certificate checked against a trust store given to the JVM), and
 * Sentinel ({@code redis-sentinel://}), through a failover of the master.
 */
class RedisTopologiesIT {

    static final Path WORK = TwoNodesIT.PROJECT.resolve("target/redis-topologies-it");
    static final String STORE_PASSWORD = "topologies-it";

    @BeforeAll
    static void clean() throws Exception {
        ServerProcess.deleteRecursively(WORK);
        Files.createDirectories(WORK);
    }

    @Test
    void overTlsWithAVerifiedCertificate() throws Exception {
        Path tls = Files.createDirectories(WORK.resolve("tls"));
        Path trustStore = certificate(tls);
        int plainPort = ServerProcess.freePort();
        int tlsPort = ServerProcess.freePort();
        RedisServer redis = RedisServer.newRedisServer()
                .port(plainPort)
                .bind("127.0.0.1")
                .setting("tls-port " + tlsPort)
                .setting("tls-cert-file " + tls.resolve("redis.crt"))
                .setting("tls-key-file " + tls.resolve("redis.key"))
                .setting("tls-ca-cert-file " + tls.resolve("redis.crt"))
                .setting("tls-auth-clients no")
                .setting("requirepass tls-it-password")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        redis.start();
        // the service gets the TLS port only; the test reads captcha codes over the plain one
        try (ServerProcess server = ServerProcess.start(
                        TwoNodesIT.PROJECT,
                        WORK,
                        "tls",
                        Map.of(
                                "REDIS_URI", "rediss://:tls-it-password@localhost:" + tlsPort,
                                "JAVA_OPTS",
                                        "-Xmx512m -Djavax.net.ssl.trustStore=" + trustStore
                                                + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD
                                                + " -Djavax.net.ssl.trustStoreType=PKCS12"));
                Passport client = new Passport(server.base, "redis://:tls-it-password@127.0.0.1:" + plainPort)) {
            String token = client.token(client.newUser());
            assertEquals(200, client.http.get("api/passport/me", bearer(token)).status());
            assertEquals(200, client.http.get("health/ready").status());
            String clients = client.redis().clientList();
            assertTrue(
                    clients.lines().anyMatch(l -> l.contains("laddr=127.0.0.1:" + tlsPort)),
                    () -> "the service's connection is on the TLS port: " + clients);
        } finally {
            redis.stop();
        }
    }

    @Test
    void throughSentinelAcrossAFailover() throws Exception {
        int masterPort = ServerProcess.freePort();
        int replicaPort = ServerProcess.freePort();
        int sentinelPort = ServerProcess.freePort();
        RedisServer master = RedisServer.newRedisServer()
                .port(masterPort)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        RedisServer replica = RedisServer.newRedisServer()
                .port(replicaPort)
                .bind("127.0.0.1")
                .setting("replicaof 127.0.0.1 " + masterPort)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        RedisSentinel sentinel = RedisSentinel.newRedisSentinel()
                .port(sentinelPort)
                .bind("127.0.0.1")
                .masterName("videomaster")
                .masterPort(masterPort)
                .quorumSize(1)
                .downAfterMilliseconds(1000)
                .failOverTimeout(3000)
                .parallelSyncs(1)
                .build();
        master.start();
        replica.start();
        sentinel.start();
        String sentinelUri = "redis-sentinel://127.0.0.1:" + sentinelPort + "#videomaster";
        try {
            awaitReplicaKnownToSentinel(sentinelPort);
            try (ServerProcess server = ServerProcess.start(
                            TwoNodesIT.PROJECT, WORK, "sentinel", Map.of("REDIS_URI", sentinelUri));
                    Passport client = new Passport(server.base, sentinelUri)) {
                String token = client.token(client.newUser());
                assertEquals(
                        200, client.http.get("api/passport/me", bearer(token)).status());
                client.redis().waitForReplication(1, 5_000); // the session is on the replica too

                master.stop();
                long died = System.nanoTime();
                int refused = 0;
                long recovered = 0;
                while (System.nanoTime() - died < TimeUnit.SECONDS.toNanos(60)) {
                    Reply me = client.http.get("api/passport/me", bearer(token));
                    if (me.status() == 200) {
                        recovered = System.nanoTime();
                        break;
                    }
                    assertEquals(503, me.status(), me::toString);
                    refused++;
                    Thread.sleep(20);
                }
                String figures = String.format(
                        "requests during the failover: %d, all answered 503;"
                                + " served again %d ms after the master died%n",
                        refused, (recovered - died) / 1_000_000);
                System.out.print("SENTINEL " + figures);
                Files.writeString(WORK.resolve("sentinel-figures.txt"), figures);
                assertTrue(recovered > 0, figures);
                // the new master takes writes: a refresh and a logout go through, and the old token stops working
                Reply refreshed = client.http.post("api/passport/refresh", null, bearer(token));
                assertEquals(200, refreshed.status(), refreshed::toString);
                assertEquals(
                        "TOKEN_REVOKED",
                        client.http.get("api/passport/me", bearer(token)).code());
                assertEquals(
                        204,
                        client.http
                                .post(
                                        "api/passport/logout",
                                        null,
                                        bearer(refreshed.json().getString("token")))
                                .status());
            }
        } finally {
            sentinel.stop();
            replica.stop();
            if (master.isActive()) {
                master.stop();
            }
        }
    }

    private static void awaitReplicaKnownToSentinel(int sentinelPort) throws InterruptedException {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + sentinelPort);
        try (var sentinel = client.connectSentinel()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sentinel.sync().replicas("videomaster").stream().noneMatch(r -> "slave".equals(r.get("flags")))) {
                assertTrue(System.nanoTime() < end, "the sentinel did not find the replica");
                Thread.sleep(100);
            }
        } finally {
            client.shutdown();
        }
    }

    /**
     * A self-signed certificate for localhost and 127.0.0.1, made with the JDK's keytool: the key and
     * certificate as PEM files for redis-server, and a PKCS12 trust store with the certificate.
     */
    private static Path certificate(Path dir) throws Exception {
        Path keys = dir.resolve("redis.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "redis",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keys.toString(),
                        "-storepass",
                        STORE_PASSWORD,
                        "-keypass",
                        STORE_PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the certificate");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keys)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("redis", STORE_PASSWORD.toCharArray());
        Certificate certificate = store.getCertificate("redis");
        Files.writeString(dir.resolve("redis.key"), pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(dir.resolve("redis.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("redis", certificate);
        Path trustStore = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustStore)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        return trustStore;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
