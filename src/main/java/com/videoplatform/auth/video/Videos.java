package com.videoplatform.auth.video;

import com.videoplatform.auth.passport.UserInfo;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.platform.Timestamps;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.http.Page;
import com.videoplatform.auth.token.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The videos in the database; each method is one transaction. What a signed-in caller does here
 * first reads the caller's account, which must still exist and be enabled.
 */
@Stateless
public class Videos {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    @Inject
    Users users;

    public Page.Of<Video> list(Page page) {
        var items = em.createNamedQuery("Video.newestFirst", Video.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total = em.createNamedQuery("Video.count", Long.class).getSingleResult();
        return page.of(items, total);
    }

    public Video view(long id, Caller caller) {
        users.active(caller.userId());
        return find(id);
    }

    public Video create(Caller owner, VideoInput input) {
        users.active(owner.userId());
        Video video = new Video(owner.userId(), input, Timestamps.now());
        em.persist(video);
        return video;
    }

    public Video update(long id, VideoInput input, SecurityContext caller) {
        Video video = ownedBy(id, caller);
        video.apply(input, Timestamps.now());
        return video;
    }

    public void delete(long id, SecurityContext caller) {
        em.remove(ownedBy(id, caller));
    }

    /** Deletes every video of a user, whose account is about to go. */
    public void deleteAllOf(long ownerId) {
        em.createNamedQuery("Video.deleteAllOf").setParameter("ownerId", ownerId).executeUpdate();
    }

    private Video find(long id) {
        Video video = em.find(Video.class, id);
        if (video == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such video.");
        }
        return video;
    }

    /** The one ownership rule: the owner or an admin may change a video. */
    private Video ownedBy(long id, SecurityContext caller) {
        long userId = ((Caller) caller.getUserPrincipal()).userId();
        users.active(userId);
        Video video = find(id);
        if (video.getOwnerId() != userId && !caller.isUserInRole(UserInfo.ADMIN)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the owner or an admin may change this video.");
        }
        return video;
    }
}
