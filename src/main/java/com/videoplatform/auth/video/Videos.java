package com.videoplatform.auth.video;

import com.videoplatform.auth.audit.AuditLog;
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

/**
 * The videos in the database; each method is one transaction. What a signed-in caller does here
 * first reads the caller's account, which must still exist and be enabled, and is audited once
 * its transaction has committed.
 */
@Stateless
public class Videos {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    public Page.Of<Video> list(Page page) {
        var items = em.createNamedQuery("Video.newestFirst", Video.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total = em.createNamedQuery("Video.count", Long.class).getSingleResult();
        return page.of(items, total);
    }

    public Video view(long id) {
        users.active(caller.userId());
        return audited("video.view", find(id));
    }

    /** A new video; the caller becomes its owner. */
    public Video create(VideoInput input) {
        users.active(caller.userId());
        Video video = new Video(caller.userId(), input, Timestamps.now());
        em.persist(video);
        return audited("video.create", video);
    }

    public Video update(long id, VideoInput input) {
        Video video = ownedBy(id);
        video.apply(input, Timestamps.now());
        return audited("video.update", video);
    }

    public void delete(long id) {
        em.remove(audited("video.delete", ownedBy(id)));
    }

    /** Deletes every video of a user, whose account is about to go. */
    public void deleteAllOf(long ownerId) {
        em.createNamedQuery("Video.deleteAllOf")
                .setParameter("ownerId", ownerId)
                .executeUpdate();
    }

    private Video find(long id) {
        Video video = em.find(Video.class, id);
        if (video == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such video.");
        }
        return video;
    }

    private Video audited(String event, Video video) {
        audit.writeOnCommit(audit.success(event).target("video:" + video.getId()));
        return video;
    }

    /** The one ownership rule: the owner or an admin may change a video. */
    private Video ownedBy(long id) {
        users.active(caller.userId());
        Video video = find(id);
        if (video.getOwnerId() != caller.userId() && !caller.hasRole(UserInfo.ADMIN)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the owner or an admin may change this video.");
        }
        return video;
    }
}
