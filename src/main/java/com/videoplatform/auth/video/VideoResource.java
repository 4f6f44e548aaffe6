package com.videoplatform.auth.video;

import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.Page;
import com.videoplatform.auth.token.Secured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("videos")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VideoResource {

    @Inject
    Videos videos;

    @Context
    UriInfo uri;

    @GET
    public Page.Of<Video> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return videos.list(Page.of(page, size));
    }

    @GET
    @Path("{id}")
    @Secured
    public Video get(@PathParam("id") long id) {
        return videos.view(id);
    }

    @POST
    @Secured
    public Response create(@NotNull(message = ApiException.EMPTY_BODY) @Valid VideoInput body) {
        Video video = videos.create(body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(video.getId()))
                        .build())
                .entity(video)
                .build();
    }

    @PUT
    @Path("{id}")
    @Secured
    public Video update(@PathParam("id") long id, @NotNull(message = ApiException.EMPTY_BODY) @Valid VideoInput body) {
        return videos.update(id, body);
    }

    @DELETE
    @Path("{id}")
    @Secured
    public Response delete(@PathParam("id") long id) {
        videos.delete(id);
        return Response.noContent().build();
    }
}
