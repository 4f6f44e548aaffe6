package com.videoplatform.auth.passport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's credentials and login record. Never leaves the server. */
@Entity
@Table(name = "user_login")
@NamedQuery(name = "UserLogin.byMobile", query = "select l from UserLogin l where l.mobile = :mobile")
public class UserLogin {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false, length = 11, unique = true)
    private String mobile;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** Epoch seconds of the last login; tokens carry it as {@code login_time}. */
    @Column(name = "last_login_stamp")
    private Long lastLoginStamp;

    /** False while an admin has disabled the account: the right password then gets ACCOUNT_DISABLED. */
    @Column(nullable = false)
    private boolean enabled = true;

    protected UserLogin() {}

    UserLogin(Long userId, String mobile, String passwordHash) {
        this.userId = userId;
        this.mobile = mobile;
        this.passwordHash = passwordHash;
    }

    public Long getUserId() {
        return userId;
    }

    public String getMobile() {
        return mobile;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void loggedIn(Instant at) {
        this.lastLoginAt = at;
        this.lastLoginStamp = at.getEpochSecond();
    }
}
