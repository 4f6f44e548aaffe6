package com.videoplatform.auth.passport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** A user's profile: what the user and others may see. */
@Entity
@Table(name = "user_info")
@NamedQuery(name = "UserInfo.byMobile", query = "select u from UserInfo u where u.mobile = :mobile")
public class UserInfo {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 11, unique = true)
    private String mobile;

    @Column(nullable = false, length = 32)
    private String nickname;

    /** Comma-separated role names. */
    @Column(nullable = false, length = 200)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserInfo() {}

    UserInfo(String mobile, String nickname, Collection<String> roles, Instant createdAt) {
        this.mobile = mobile;
        this.nickname = nickname;
        this.createdAt = createdAt;
        setRoles(roles);
    }

    public Long getId() {
        return id;
    }

    public String getMobile() {
        return mobile;
    }

    public String getNickname() {
        return nickname;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getRoles() {
        return new TreeSet<>(Arrays.asList(roles.split(",")));
    }

    void setRoles(Collection<String> names) {
        this.roles = String.join(",", new TreeSet<>(names));
    }
}
