package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Arquillian test classes share: the packaged WAR itself as the deployment (one Payara
 * Micro boot per class), a real HTTP client and Redis access for each test, and the contract's
 * error shape.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedService {

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            // the server's log file handler needs its directory before the server starts
            Files.createDirectories(Path.of(System.getProperty("it.log.dir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("war.path")));
    }

    @ArquillianResource
    URL base;

    Passport passport;
    HttpApi http;

    @BeforeEach
    void connect() throws Exception {
        passport = new Passport(base.toURI());
        http = passport.http;
        // every request of the suite comes from loopback: each test starts with the IP's counters clear
        passport.redis().del("throttle:login:ip:127.0.0.1", "throttle:captcha:127.0.0.1");
    }

    @AfterEach
    void close() {
        passport.close();
    }

    /** An error reply as the contract shapes it, with nothing of the server's insides in it. */
    static void assertProblem(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(
                "application/problem+json",
                reply.header("Content-Type").orElse("").split(";")[0],
                reply::toString);
        JsonObject body = reply.json();
        assertEquals(code, body.getString("code"), reply::toString);
        assertEquals(status, body.getInt("status"));
        assertTrue(
                body.containsKey("type") && body.containsKey("title") && body.containsKey("detail"), reply::toString);
        assertFalse(
                reply.body().matches("(?s).*(Exception|\\bat [a-z]+\\.|SQL|org\\.|com\\.|java\\.).*"), reply::toString);
    }

    /** The fields named by a VALIDATION_FAILED reply. */
    static List<String> fields(Reply reply) {
        return reply.json().getJsonArray("errors").stream()
                .map(v -> v.asJsonObject().getString("field"))
                .toList();
    }
}
