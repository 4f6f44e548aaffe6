package com.videoplatform.auth.platform.http;

import jakarta.ejb.ApplicationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A failure the client is told about, with its error code (docs/api.md, "Errors"). Thrown from any layer; the
 * {@link ProblemMapper} turns it into problem+json. An application exception for EJB, so it
 * reaches the mapper unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

    public record FieldError(String field, String message) {}

    /** The message of a request without the body it needs, reported on field {@code body}. */
    public static final String EMPTY_BODY = "Send a request body.";

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final OptionalLong retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), OptionalLong.empty());
    }

    private ApiException(ErrorCode code, String detail, List<FieldError> errors, OptionalLong retryAfterSeconds) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors, OptionalLong.empty());
    }

    /** Field errors of Bean Validation violations, named by JSON property (or query parameter), in a stable order. */
    public static List<FieldError> fieldErrors(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            String field = "body";
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                    field = node.getName();
                }
            }
            errors.add(new FieldError(field, v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException tooManyAttempts(long retryAfterSeconds) {
        return new ApiException(
                ErrorCode.TOO_MANY_ATTEMPTS,
                "Too many attempts; try again later.",
                List.of(),
                OptionalLong.of(Math.max(1, retryAfterSeconds)));
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, detail, List.of(), OptionalLong.of(5));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
