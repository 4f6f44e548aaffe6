package com.videoplatform.auth.platform.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web container's error page (WEB-INF/web.xml sends every error status and exception here), so
 * that errors outside JAX-RS leave as problem+json like all others: unknown paths outside /api,
 * /WEB-INF/..., a request Jersey's servlet refuses before the application (a malformed Content-Type),
 * a failing static resource. The {@link ProblemMapper} builds the body.
 */
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        // without a status the page was asked for directly: it is just another unknown path
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s ? s : 404;
        send(
                response,
                ProblemMapper.toProblem(failure != null ? failure : new WebApplicationException(status))
                        .build());
    }

    /** Writes a response of the {@link ProblemMapper} through the servlet API. */
    static void send(HttpServletResponse response, Response problem) throws IOException {
        response.setStatus(problem.getStatus());
        problem.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write((String) problem.getEntity());
    }
}
