package com.videoplatform.auth.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The floor: an endpoint that touches nothing. */
@Path("ping")
@Tag(name = "operations")
public class PingResource {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GET
    @Operation(summary = "Liveness of the API itself")
    @APIResponse(responseCode = "200", description = "{\"status\":\"ok\"}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return OK;
    }
}
