package com.videoplatform.auth.token;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/jwks.json} (docs/api.md, "For other services"): the public keys that
 * verify our tokens, as an RFC 7517 JWK Set, for services that check tokens offline. A servlet,
 * because the path lies outside the JAX-RS application's {@code /api}.
 */
@WebServlet(urlPatterns = "/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenCodec codec;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = codec.jwks().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/jwk-set+json");
        // consumers may keep the keys this long; a new key is published this long before it signs (docs/operations.md)
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
