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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("videos")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "videos")
public class VideoResource {

    @Inject
    Videos videos;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The public list of videos, newest first")
    @APIResponse(responseCode = "200", description = "{items, page, size, total}")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: page or size out of range")
    public Page.Of<Video> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return videos.list(Page.of(page, size));
    }

    @GET
    @Path("{id}")
    @Secured
    @Operation(summary = "One video")
    @APIResponse(responseCode = "200", description = "The video")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Video get(@PathParam("id") long id) {
        return videos.view(id);
    }

    @POST
    @Secured
    @Operation(summary = "Add a video; the caller becomes its owner")
    @APIResponse(responseCode = "201", description = "The video, with its Location")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "CSRF_INVALID")
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
    @Operation(summary = "Replace a video's fields (owner or admin)")
    @APIResponse(responseCode = "200", description = "The video")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "FORBIDDEN or CSRF_INVALID")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Video update(@PathParam("id") long id, @NotNull(message = ApiException.EMPTY_BODY) @Valid VideoInput body) {
        return videos.update(id, body);
    }

    @DELETE
    @Path("{id}")
    @Secured
    @Operation(summary = "Delete a video (owner or admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED")
    @APIResponse(responseCode = "403", description = "FORBIDDEN or CSRF_INVALID")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Response delete(@PathParam("id") long id) {
        videos.delete(id);
        return Response.noContent().build();
    }
}
