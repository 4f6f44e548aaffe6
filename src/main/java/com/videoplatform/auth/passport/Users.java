package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The users in the database; each method is one transaction. */
@Stateless
public class Users {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public Optional<UserLogin> credentials(String mobile) {
        return em.createNamedQuery("UserLogin.byMobile", UserLogin.class)
                .setParameter("mobile", mobile)
                .getResultStream()
                .findFirst();
    }

    public Optional<UserInfo> profile(long userId) {
        return Optional.ofNullable(em.find(UserInfo.class, userId));
    }

    public Optional<UserLogin> credentials(long userId) {
        return Optional.ofNullable(em.find(UserLogin.class, userId));
    }

    /** Creates the profile and credentials together; the unique mobile makes a concurrent twin fail here. */
    public UserInfo create(String mobile, String nickname, Collection<String> roles, String passwordHash) {
        if (credentials(mobile).isPresent()) {
            throw taken();
        }
        try {
            UserInfo user = new UserInfo(mobile, nickname, roles, Instant.now());
            em.persist(user);
            em.persist(new UserLogin(user.getId(), mobile, passwordHash));
            em.flush();
            return user;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw taken();
            }
            throw e;
        }
    }

    public void loggedIn(long userId, Instant at, Optional<String> upgradedHash) {
        UserLogin login = em.find(UserLogin.class, userId);
        login.loggedIn(at);
        upgradedHash.ifPresent(login::setPasswordHash);
    }

    public void changePassword(long userId, String passwordHash) {
        em.find(UserLogin.class, userId).setPasswordHash(passwordHash);
    }

    private static ApiException taken() {
        return new ApiException(ErrorCode.MOBILE_TAKEN, "This mobile is already registered.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
