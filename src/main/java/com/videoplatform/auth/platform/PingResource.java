package com.videoplatform.auth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The floor: an endpoint that touches nothing (one instance, like the other resources, not one per request). */
@Path("ping")
@ApplicationScoped
public class PingResource {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return OK;
    }
}
