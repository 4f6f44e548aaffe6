package com.videoplatform.auth.platform.http;

import io.lettuce.core.RedisException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.JsonbException;
import jakarta.resource.ResourceException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become responses: every exception, from our code, from JAX-RS,
 * Bean Validation, JSON-B, Redis or the database, leaves as problem+json with an error code.
 * Nothing of the exception itself (message, class, stack) reaches the body unless it is an
 * {@link ApiException}, whose detail we wrote for the client.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    public static final String CHALLENGE = "Bearer realm=\"video\"";
    /** The challenge of the endpoints that other services call with their client credentials (introspection). */
    public static final String CLIENT_CHALLENGE = "Basic realm=\"video\"";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        return toProblem(failure).build();
    }

    public static Response.ResponseBuilder toProblem(Throwable failure) {
        Optional<ApiException> api = causeOf(failure, ApiException.class);
        if (api.isPresent()) {
            return problem(api.get());
        }
        Optional<ConstraintViolationException> violations = causeOf(failure, ConstraintViolationException.class);
        if (violations.isPresent()) {
            return problem(ApiException.invalid(
                    ApiException.fieldErrors(violations.get().getConstraintViolations())));
        }
        if (causeOf(failure, JsonbException.class).isPresent()
                || causeOf(failure, JsonException.class).isPresent()) {
            return problem(ApiException.invalid("body", "Send valid JSON of the expected shape."));
        }
        if (failure instanceof WebApplicationException web) {
            return fromStatus(web);
        }
        if (isBackendDown(failure)) {
            LOG.log(
                    Level.WARNING,
                    "A backend is unreachable: {0}",
                    rootCause(failure).getClass().getName());
            return problem(ApiException.unavailable("A backend service is unavailable; try again shortly."));
        }
        LOG.log(Level.SEVERE, "Unexpected failure", failure);
        return problem(new ApiException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred."));
    }

    public static Response.ResponseBuilder problem(ApiException e) {
        ErrorCode code = e.code();
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add(
                        "type",
                        "urn:video-platform:problem:"
                                + code.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .add("title", code.title)
                .add("status", code.status)
                .add("detail", e.getMessage())
                .add("code", code.name());
        if (code == ErrorCode.VALIDATION_FAILED) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            e.errors()
                    .forEach(f -> errors.add(
                            Json.createObjectBuilder().add("field", f.field()).add("message", f.message())));
            body.add("errors", errors);
        }
        Response.ResponseBuilder response = Response.status(code.status)
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(body.build().toString());
        if (code == ErrorCode.CLIENT_UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CLIENT_CHALLENGE);
        } else if (code.status == 401) {
            response.header(
                    HttpHeaders.WWW_AUTHENTICATE,
                    code.isTokenRejection() ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
        }
        e.retryAfterSeconds().ifPresent(s -> response.header(HttpHeaders.RETRY_AFTER, s));
        return response;
    }

    /** The error code of a problem body this mapper wrote, read back from a response's entity. */
    public static Optional<String> code(Object entity) {
        if (entity instanceof String body) {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return Optional.ofNullable(reader.readObject().getString("code", null));
            } catch (JsonException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Response.ResponseBuilder fromStatus(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        String detail =
                switch (code) {
                    case NOT_FOUND -> "No such resource.";
                    case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
                    case UNSUPPORTED_MEDIA_TYPE -> "The body must be application/json.";
                    case NOT_ACCEPTABLE -> "The requested media type is not available.";
                    case PAYLOAD_TOO_LARGE -> "The body is too large.";
                    case HEADERS_TOO_LARGE -> "The request headers are too large.";
                    case VALIDATION_FAILED -> "Send a well-formed request.";
                    default -> code.title + ".";
                };
        ApiException api = code == ErrorCode.VALIDATION_FAILED
                ? ApiException.invalid("body", detail)
                : new ApiException(code, detail);
        Response.ResponseBuilder response = problem(api);
        if (web instanceof NotAllowedException) {
            response.allow(web.getResponse().getAllowedMethods());
        }
        return response;
    }

    /**
     * Redis or the database cannot be reached: Redis failures, the pool failing to allocate, and SQL
     * connection errors (SQLState class 08, or no state at all as the pool reports it). An SQL error
     * about the data itself is a bug, not an outage.
     */
    private static boolean isBackendDown(Throwable failure) {
        if (causeOf(failure, RedisException.class).isPresent()
                || causeOf(failure, ResourceException.class).isPresent()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
