package com.videoplatform.auth.platform.http;

import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Takes Bean Validation failures away from the JAX-RS implementation's own mapper. */
@Provider
public class ValidationMapper implements ExceptionMapper<ValidationException> {

    @Override
    public Response toResponse(ValidationException failure) {
        return ProblemMapper.toProblem(failure).build();
    }
}
