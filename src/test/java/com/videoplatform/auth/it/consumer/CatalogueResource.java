package com.videoplatform.auth.it.consumer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the catalogue service does with a caller's token: offline checks, and introspection when revocation matters. */
@Path("catalogue")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class CatalogueResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    @ConfigProperty(name = "catalogue.introspection.url")
    String introspectionUrl;

    @Inject
    @ConfigProperty(name = "catalogue.introspection.client")
    String clientCredentials;

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
    public String live() {
        Client client = ClientBuilder.newClient();
        try {
            return client.target(introspectionUrl)
                    .request(MediaType.APPLICATION_JSON)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(clientCredentials.getBytes(StandardCharsets.UTF_8)))
                    .post(Entity.form(new Form("token", jwt.getRawToken())), String.class);
        } finally {
            client.close();
        }
    }
}
