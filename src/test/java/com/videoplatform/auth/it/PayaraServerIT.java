package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.embedded.RedisServer;

/**
 * The service on a full Payara Server, set up by server-config/payara-server.sh exactly as an
 * operator runs it, in its own directory and on its own ports, deleted again by the script's
 * {@code delete} at the end. Its Redis wants a password (a redis-server of this test's own), and its
 * database is H2 unless {@code it.server.db.url}, {@code it.server.db.user} and
 * {@code it.server.db.password} name another (.ci/run: MariaDB with a password). Needs Payara
 * Server from Maven Central, and takes a few minutes: it runs when {@code -Dit.payara.server=true}
 * is given (.ci/run does), and is skipped with a message otherwise.
 */
class PayaraServerIT {

    static final Path PROJECT = Path.of(System.getProperty("project.dir", "."));
    static final Path WORK = PROJECT.resolve("target/payara-server-it");
    static final Path DOMAIN = WORK.resolve("payara6/glassfish/domains/video");
    static final SecureRandom RANDOM = new SecureRandom();

    static int portBase;
    static URI base;
    static URI management;
    static String adminPassword;
    static String jwtSecret;
    static String redisPassword;
    static String redisUri;
    static String dbPassword;
    static RedisServer redis;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(
                Boolean.getBoolean("it.payara.server"),
                "PayaraServerIT skipped: it downloads and runs a full Payara Server; run it with -Dit.payara.server=true"
                        + " (.ci/run does)");
        portBase = Integer.getInteger("it.server.port.base", 24800);
        base = URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
        management = URI.create("http://127.0.0.1:" + (portBase + 82) + "/");
        adminPassword = "admin-" + random(12);
        jwtSecret = "signing-key-" + random(32);
        redisPassword = "redis-" + random(16);
        dbPassword = System.getProperty("it.server.db.password", "");
        int redisPort = freePort();
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("requirepass " + redisPassword)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        redis.start();
        redisUri = "redis://:" + redisPassword + "@127.0.0.1:" + redisPort + "/0";
        script("delete");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "ADMIN_PASSWORD", adminPassword,
                "AUTH_JWT_SECRET", jwtSecret,
                "REDIS_URI", redisUri,
                "AUTH_TOKEN_TTL", "3600"));
        String dbUrl = System.getProperty("it.server.db.url", "");
        if (!dbUrl.isBlank()) {
            env.put("DB_URL", dbUrl);
            env.put("DB_USER", System.getProperty("it.server.db.user", ""));
            env.put("DB_PASSWORD", dbPassword);
        }
        long started = System.nanoTime();
        Result start = script("start", env);
        System.out.printf(
                "PayaraServerIT: payara-server.sh set up and checked the domain in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertEquals(0, start.status(), start::output);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (Boolean.getBoolean("it.payara.server")) {
            // stop, and start again as it is: the domain keeps what the first start made
            Result stopped = script("stop");
            assertEquals(0, stopped.status(), stopped::output);
            assertFalse(answers(base), "stopped");
            Result restarted = script("start");
            assertEquals(0, restarted.status(), restarted::output);
            assertTrue(restarted.output().contains("ready: {\"status\":\"UP\""), restarted::output);
            assertEquals(200, new HttpApi(management).get("health/ready").status());
            Result deleted = script("delete");
            assertEquals(0, deleted.status(), deleted::output);
            assertFalse(Files.exists(WORK), "delete leaves nothing");
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void aLiveSettingChangedWithAsadminAppliesToTheNextLoginWithoutARedeploy() throws Exception {
        try (Passport passport = new Passport(base, redisUri)) {
            String mobile = passport.newUser();
            assertEquals(3600, passport.login(mobile).getInt("expiresIn"), "AUTH_TOKEN_TTL as the script was given it");

            long changed = System.nanoTime();
            asadmin(
                    "set-config-property",
                    "--source",
                    "domain",
                    "--propertyName",
                    "AUTH_TOKEN_TTL",
                    "--propertyValue",
                    "1234");
            await(60, () -> passport.login(mobile).getInt("expiresIn") == 1234);
            System.out.printf(
                    "PayaraServerIT: AUTH_TOKEN_TTL changed by asadmin applied to a login after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed));

            // a value that is no number: logins go on with the last good value, and the log says why once
            asadmin(
                    "set-config-property",
                    "--source",
                    "domain",
                    "--propertyName",
                    "AUTH_TOKEN_TTL",
                    "--propertyValue",
                    "abc");
            String warning = "AUTH_TOKEN_TTL must be a whole number; the service keeps using 1234";
            await(60, () -> {
                assertEquals(1234, passport.login(mobile).getInt("expiresIn"));
                return serverLog().contains(warning);
            });
            asadmin("delete-config-property", "--source", "domain", "--propertyName", "AUTH_TOKEN_TTL");
            await(60, () -> passport.login(mobile).getInt("expiresIn") == 86400);
            assertEquals(1, count(serverLog(), warning), "the warning is logged once");
        }
    }

    @Test
    void aMobileAddedToAuthAdminMobilesWhileRunningIsAnAdminFromItsNextLogin() throws Exception {
        try (Passport passport = new Passport(base, redisUri)) {
            String mobile = passport.newUser();
            asadmin(
                    "set-config-property",
                    "--source",
                    "domain",
                    "--propertyName",
                    "AUTH_ADMIN_MOBILES",
                    "--propertyValue",
                    mobile);
            try {
                await(60, () -> passport.http
                        .get("api/passport/me", Passport.bearer(passport.token(mobile)))
                        .json()
                        .getJsonArray("roles")
                        .toString()
                        .contains("admin"));
            } finally {
                asadmin("delete-config-property", "--source", "domain", "--propertyName", "AUTH_ADMIN_MOBILES");
            }
        }
    }

    @Test
    void secretsAreAliasesAndNeverPlainText() throws Exception {
        // the service signs with the key the operator gave, read from its alias
        try (Passport passport = new Passport(base, redisUri)) {
            String token = passport.token(passport.newUser());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            jws.setKey(new HmacKey(jwtSecret.getBytes(StandardCharsets.UTF_8)));
            assertTrue(jws.verifySignature(), "the token is signed with AUTH_JWT_SECRET");
        }
        String domainXml = Files.readString(DOMAIN.resolve("config/domain.xml"));
        assertTrue(domainXml.contains("value=\"${ALIAS=video-jwt-secret}\""), "AUTH_JWT_SECRET names its alias");
        assertTrue(domainXml.contains("value=\"${ALIAS=video-redis-uri}\""), "REDIS_URI names its alias");
        if (!dbPassword.isBlank()) {
            assertTrue(
                    domainXml.contains("value=\"${ALIAS=video-db-password}\""), "the pool's password names its alias");
        }

        List<String> secrets = new ArrayList<>(List.of(jwtSecret, redisPassword));
        if (!dbPassword.isBlank()) {
            secrets.add(dbPassword);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(WORK);
                Stream<Path> config = Files.walk(DOMAIN.resolve("config"));
                Stream<Path> logs = Files.walk(DOMAIN.resolve("logs"));
                Stream<Path> serviceLogs = Files.walk(WORK.resolve("logs"))) {
            Stream.of(top, config, logs, serviceLogs)
                    .flatMap(s -> s)
                    .filter(Files::isRegularFile)
                    .forEach(files::add);
        }
        assertTrue(
                files.stream().anyMatch(f -> f.toString().endsWith(".asadmin")),
                "the generated asadmin files: " + files);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("server.log")), files::toString);
        long pid = Long.parseLong(Files.readString(DOMAIN.resolve("config/pid")).trim());
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            for (Path file : files) {
                if (contains(Files.readAllBytes(file), needle)) {
                    found.add(file.toString());
                }
            }
            for (String proc : List.of("cmdline", "environ")) {
                if (contains(Files.readAllBytes(Path.of("/proc", Long.toString(pid), proc)), needle)) {
                    found.add("/proc/" + pid + "/" + proc);
                }
            }
        }
        assertEquals(List.of(), found, "where a secret is written in plain text");
    }

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementPortOnly() {
        HttpApi publicPort = new HttpApi(base);
        HttpApi managementPort = new HttpApi(management);
        try (Passport passport = new Passport(base, redisUri)) {
            passport.token(passport.newUser());
        }
        // the pool's statistics are on: a login has taken connections from it
        String acquired = managementPort
                .get("metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("auth_db_pool_connections_acquired"))
                .findFirst()
                .orElse("none");
        assertTrue(
                Double.parseDouble(acquired.substring(acquired.lastIndexOf(' ') + 1)) > 0,
                () -> "auth_db_pool_connections_acquired: " + acquired);
        ServerProcess.assertOperationsOnlyOn(managementPort, publicPort);
    }

    /**
     * The server's JMX connector, on loopback, wants the admin's password; through it a JVM MBean is
     * read, and the service's session administration ends a user's sessions (docs/operations.md).
     */
    @Test
    void theMBeansAreReachedThroughTheJmxConnectorWithTheAdminPassword() throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + (portBase + 86) + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(
                        url, Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", adminPassword}));
                Passport passport = new Passport(base, redisUri)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            MemoryUsage heap = MemoryUsage.from(
                    (CompositeData) server.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage"));
            assertTrue(heap.getUsed() > 0, heap::toString);

            String mobile = passport.newUser();
            jakarta.json.JsonObject login = passport.login(mobile);
            String token = login.getString("token");
            ObjectName sessions = new ObjectName("com.videoplatform.auth:type=Sessions");
            long userId = login.getJsonNumber("userId").longValue();
            assertEquals(1L, server.invoke(sessions, "activeSessions", new Object[] {userId}, new String[] {"long"}));
            assertEquals(1L, server.invoke(sessions, "endSessions", new Object[] {userId}, new String[] {"long"}));
            assertEquals(
                    "TOKEN_REVOKED",
                    passport.http.get("api/passport/me", Passport.bearer(token)).code());
        }
    }

    /**
     * The admin console pages an operator uses, in headless Chromium after logging in with the admin
     * password, saved to target/screenshots/console-*.png (docs/operations.md shows them). Skipped
     * without a browser, as BrowserIT is.
     */
    @Test
    void theConsolePagesAnOperatorUses() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(BrowserIT.CHROMIUM) && Files.isExecutable(BrowserIT.CHROMEDRIVER),
                "console screenshots skipped: no /usr/bin/chromium and /usr/bin/chromedriver");
        Files.createDirectories(BrowserIT.SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserIT.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--window-size=1280,1300");
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(BrowserIT.CHROMEDRIVER.toFile())
                        .build(),
                options);
        try {
            String console = "http://127.0.0.1:" + (portBase + 48);
            // the console deploys itself at its first visit, which takes a while
            WebDriverWait slow = new WebDriverWait(browser, Duration.ofMinutes(4));
            browser.get(console + "/");
            slow.until(d -> {
                if (d.findElements(By.name("j_username")).isEmpty()) {
                    d.navigate().refresh();
                    return false;
                }
                return true;
            });
            browser.findElement(By.name("j_username")).sendKeys("admin");
            browser.findElement(By.name("j_password")).sendKeys(adminPassword);
            browser.findElement(By.name("j_password")).submit();
            slow.until(d -> d.findElements(By.name("j_username")).isEmpty()
                    && d.getPageSource().contains("Common Tasks"));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            shoot(
                    browser,
                    wait,
                    console + "/common/applications/applicationEdit.jsf?appName=video-auth",
                    "application",
                    "video-auth");
            shoot(browser, wait, console + "/jdbc/jdbcConnectionPoolEdit.jsf?name=VideoPool", "jdbc-pool", "VideoPool");
            shoot(
                    browser,
                    wait,
                    console
                            + "/microprofile/microprofile/specs/configAPI/propertyConfiguration.jsf?source=domain&configName=server-config",
                    "microprofile-config",
                    "AUTH_JWT_SECRET");
            shoot(
                    browser,
                    wait,
                    console + "/common/logViewer/logViewer.jsf?instanceName=server",
                    "log-viewer",
                    "Log Viewer");
        } finally {
            browser.quit();
        }
    }

    private static void shoot(ChromeDriver browser, WebDriverWait wait, String url, String name, String expected)
            throws IOException {
        browser.get(url);
        wait.until(d -> d.getPageSource().contains(expected));
        Files.write(BrowserIT.SHOTS.resolve("console-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aBadSettingFailsBeforeAnythingIsMade() throws Exception {
        Path bad = PROJECT.resolve("target/payara-server-it-refused");
        Result result = run(
                bad,
                "start",
                Map.of(
                        "PORT_BASE",
                        Integer.toString(portBase + 200),
                        "DB_URL",
                        "jdbc:oracle:thin:@localhost:1521/video"));
        assertEquals(2, result.status(), result::output);
        assertTrue(result.output().contains("DB_URL must be a jdbc:postgresql: or jdbc:mariadb: URL"), result::output);
        assertFalse(Files.exists(bad.resolve("payara6")), "no domain made");
    }

    record Result(int status, String output) {}

    static Result script(String verb) throws Exception {
        return script(verb, Map.of());
    }

    static Result script(String verb, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT_BASE", Integer.toString(portBase));
        return run(WORK, verb, all);
    }

    static Result run(Path dir, String verb, Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile(PROJECT.resolve("target"), "payara-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-server.sh", verb)
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // what an operator's shell has, and nothing of this test's: failsafe hands every test the
        // Arquillian servers' database settings, and Maven its command line (MAVEN_CMD_LINE_ARGS,
        // with the it.server.db.password given there)
        Map<String, String> inherited = new java.util.HashMap<>(env);
        env.clear();
        for (String name : List.of("PATH", "HOME", "JAVA_HOME", "LANG", "USER")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        env.put("PAYARA_SERVER_DIR", dir.toString());
        env.putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "payara-server.sh " + verb + " ended; see " + log);
        String output = Files.readString(log);
        Files.delete(log);
        System.out.println("payara-server.sh " + verb + ":\n" + output);
        return new Result(process.exitValue(), output);
    }

    static String asadmin(String... args) throws Exception {
        Path passwordFile = WORK.resolve("admin-password");
        List<String> command = new ArrayList<>(List.of(
                WORK.resolve("payara6/bin/asadmin").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(portBase + 48),
                "--user",
                "admin",
                "--passwordfile",
                passwordFile.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), () -> String.join(" ", args) + ": " + output);
        return output;
    }

    static boolean answers(URI uri) {
        try {
            new HttpApi(uri).get("api/ping");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String serverLog() {
        try {
            return Files.readString(DOMAIN.resolve("logs/server.log"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void await(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in " + seconds + " s");
            Thread.sleep(500);
        }
    }
}
