package com.videoplatform.auth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JAX-RS application; the OpenAPI document at {@code /openapi} is generated from the resources' annotations. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "video-auth",
                        version = "1",
                        description =
                                "Token authentication of the video platform. Errors are application/problem+json with a code."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Api extends Application {

    /** No WADL (at application.wadl and as the body of OPTIONS answers): it shows the Jersey version and our Java method names. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
