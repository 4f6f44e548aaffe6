package com.videoplatform.auth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The JAX-RS application. Its typed contract, served at {@code /openapi}, is META-INF/openapi.yaml (docs/api.md, "OpenAPI"). */
@ApplicationPath("api")
public class Api extends Application {

    /** No WADL (at application.wadl and as the body of OPTIONS answers): it shows the Jersey version and our Java method names. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
