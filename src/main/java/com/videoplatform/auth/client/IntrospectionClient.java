package com.videoplatform.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** What the platform's services use to trust a token: introspection (RFC 7662) and the JWK Set (RFC 7517). */
@RegisterRestClient(configKey = PassportClient.CONFIG_KEY)
@RegisterProvider(ProblemExceptionMapper.class)
public interface IntrospectionClient {

    /** The JWK Set's media type. */
    String JWK_SET_JSON = "application/jwk-set+json";

    /**
     * Whether {@code token} is live, with its claims when it is. {@code clientAuthorization} is
     * {@link Authorization#basic(String, String)} of the service's pair from
     * {@code AUTH_INTROSPECTION_CLIENTS}; a wrong pair is CLIENT_UNAUTHORIZED.
     */
    @POST
    @Path("/api/passport/introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Introspection introspect(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String clientAuthorization, @FormParam("token") String token);

    /** The public keys that verify the tokens; empty while the service signs with HS256. */
    @GET
    @Path("/.well-known/jwks.json")
    @Produces({JWK_SET_JSON, MediaType.APPLICATION_JSON})
    JwkSet jwks();
}
