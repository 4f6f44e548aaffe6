package com.videoplatform.auth.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The platform's videos ({@code /api/videos}). Every error is a {@link ProblemException}. */
@RegisterRestClient(configKey = PassportClient.CONFIG_KEY)
@RegisterProvider(ProblemExceptionMapper.class)
@Path("/api/videos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface VideosClient {

    /** Newest first; {@code page} from 0 and {@code size} 1 to 100, or null for 0 and 20. No token needed. */
    @GET
    Page<Video> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @GET
    @Path("{id}")
    Video get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id);

    /** The caller becomes the owner. */
    @POST
    Video create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, VideoInput video);

    /** The owner or an admin; replaces every field. */
    @PUT
    @Path("{id}")
    Video update(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id, VideoInput video);

    @DELETE
    @Path("{id}")
    void delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id);
}
