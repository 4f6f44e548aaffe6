package com.videoplatform.auth.it.consumer;

import com.videoplatform.auth.client.Authorization;
import com.videoplatform.auth.client.Introspection;
import com.videoplatform.auth.client.IntrospectionClient;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What the catalogue service does with a caller's token: offline checks, and introspection through
 * our typed client (the client jar) when revocation matters.
 */
@Path("catalogue")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class CatalogueResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    @RestClient
    IntrospectionClient auth;

    @Inject
    @ConfigProperty(name = "catalogue.client.id")
    String clientId;

    @Inject
    @ConfigProperty(name = "catalogue.client.secret")
    String clientSecret;

    /** Verified offline against the JWK Set: the principal is {@code sub}, the roles come from {@code groups}. */
    @GET
    @Path("whoami")
    @RolesAllowed({"user", "admin"})
    public String whoami() {
        return jwt.getName() + " " + new TreeSet<>(jwt.getGroups());
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin " + jwt.getName();
    }

    /** Asks the auth service whether the caller's token is still live (RFC 7662), and answers what it said. */
    @GET
    @Path("live")
    @RolesAllowed({"user", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    public Introspection live() {
        return auth.introspect(Authorization.basic(clientId, clientSecret), jwt.getRawToken());
    }
}
