package com.videoplatform.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An error answer of video-auth: its HTTP status, its {@link ErrorCode}, and the problem body as sent. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final ErrorCode code;
    private final Duration retryAfter;

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.status() + " " + problem.code() + ": " + problem.detail());
        this.problem = problem;
        this.code = ErrorCode.of(problem.code());
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return problem.status();
    }

    public Problem problem() {
        return problem;
    }

    /** The fields in error of VALIDATION_FAILED; empty for any other code. */
    public List<Problem.FieldError> errors() {
        return problem.errors() == null ? List.of() : problem.errors();
    }

    /** With TOO_MANY_ATTEMPTS and SERVICE_UNAVAILABLE: how long to wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
