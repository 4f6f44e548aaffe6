package com.videoplatform.auth.video;

import com.videoplatform.auth.passport.UserInfo;
import com.videoplatform.auth.platform.Timestamps;
import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.ErrorCode;
import com.videoplatform.auth.platform.Page;
import com.videoplatform.auth.token.Caller;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.SecurityContext;

/** The videos in the database; each method is one transaction. */
@Stateless
public class Videos {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public Page.Of<Video> list(Page page) {
        var items = em.createNamedQuery("Video.newestFirst", Video.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total = em.createNamedQuery("Video.count", Long.class).getSingleResult();
        return page.of(items, total);
    }

    public Video find(long id) {
        Video video = em.find(Video.class, id);
        if (video == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such video.");
        }
        return video;
    }

    public Video create(Caller owner, VideoInput input) {
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

    /** The one ownership rule: the owner or an admin may change a video. */
    private Video ownedBy(long id, SecurityContext caller) {
        Video video = find(id);
        long userId = ((Caller) caller.getUserPrincipal()).userId();
        if (video.getOwnerId() != userId && !caller.isUserInRole(UserInfo.ADMIN)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the owner or an admin may change this video.");
        }
        return video;
    }
}
