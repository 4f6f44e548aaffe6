package com.videoplatform.auth.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;

/**
 * Refusals before any servlet runs, as problem+json (mapped in WEB-INF/web.xml, after the security
 * headers):
 * <ul>
 * <li>request headers over 8 KiB: 431. Grizzly's own limit is set higher
 * (server-config/pre-boot-commands.asadmin) so that such requests reach us; above that limit Grizzly
 * answers an empty 400 itself.</li>
 * <li>outside /api, any method but GET, HEAD and OPTIONS: 405. The page, its assets and Payara's
 * /health, /metrics and /openapi serve nothing else, and the default servlet would answer TRACE
 * with an echo of the request, cookies included (the listener lets TRACE through so that it ends
 * here instead of in an empty 405 of the container). Under /api, JAX-RS answers for its resources.</li>
 * </ul>
 */
public class RequestGuard extends HttpFilter {

    static final int MAX_HEADER_BYTES = 8192;
    static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            ErrorPage.send(
                    response,
                    ProblemMapper.problem(new ApiException(
                                    ErrorCode.HEADERS_TOO_LARGE,
                                    "The request headers are larger than " + MAX_HEADER_BYTES + " bytes."))
                            .build());
        } else if (!"/api".equals(request.getServletPath()) && !READ_ONLY.contains(request.getMethod())) {
            ErrorPage.send(
                    response,
                    ProblemMapper.problem(new ApiException(
                                    ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed on this resource."))
                            .allow(READ_ONLY)
                            .build());
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The size of the header fields as sent ("name: value" and a line break each). */
    private static long headerBytes(HttpServletRequest request) {
        long bytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                bytes += name.length() + value.length() + 4;
            }
        }
        return bytes;
    }
}
