package com.videoplatform.auth.video;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A video as stored and as served: {@code {id, title, description, durationSeconds, url, ownerId, createdAt, updatedAt}}. */
@Entity
@Table(name = "video")
@NamedQuery(name = "Video.newestFirst", query = "select v from Video v order by v.createdAt desc, v.id desc")
@NamedQuery(name = "Video.count", query = "select count(v) from Video v")
@NamedQuery(name = "Video.deleteAllOf", query = "delete from Video v where v.ownerId = :ownerId")
@JsonbPropertyOrder({"id", "title", "description", "durationSeconds", "url", "ownerId", "createdAt", "updatedAt"})
public class Video {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(length = 5000)
    private String description;

    @Column(name = "duration_seconds", nullable = false)
    private int durationSeconds;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Video() {}

    Video(long ownerId, VideoInput input, Instant now) {
        this.ownerId = ownerId;
        this.createdAt = now;
        apply(input, now);
    }

    final void apply(VideoInput input, Instant now) {
        this.title = input.title;
        this.description = input.description;
        this.durationSeconds = input.durationSeconds;
        this.url = input.url;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public int getDurationSeconds() {
        return durationSeconds;
    }

    public String getUrl() {
        return url;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
