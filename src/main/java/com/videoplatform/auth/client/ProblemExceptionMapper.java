package com.videoplatform.auth.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every error answer (status 400 and up) into a {@link ProblemException}: the problem+json
 * body when there is one, else a problem made of the status alone (an answer of something between
 * the client and the service, such as a proxy) with code {@link ErrorCode#UNKNOWN}.
 */
public class ProblemExceptionMapper implements ResponseExceptionMapper<ProblemException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public ProblemException toThrowable(Response response) {
        return new ProblemException(problem(response), retryAfter(response));
    }

    private static Problem problem(Response response) {
        MediaType type = response.getMediaType();
        if (type != null && type.getSubtype().toLowerCase(Locale.ROOT).endsWith("json")) {
            try {
                Problem problem = response.readEntity(Problem.class);
                if (problem != null && problem.code() != null) {
                    return problem;
                }
            } catch (ProcessingException | IllegalStateException e) {
                // not a problem body: described by its status below
            }
        }
        Response.StatusType status = response.getStatusInfo();
        return new Problem(
                "about:blank",
                status.getReasonPhrase(),
                status.getStatusCode(),
                "An answer without a problem body.",
                ErrorCode.UNKNOWN.name(),
                List.of());
    }

    /** Retry-After in seconds, as the service sends it. */
    private static Duration retryAfter(Response response) {
        String value = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
