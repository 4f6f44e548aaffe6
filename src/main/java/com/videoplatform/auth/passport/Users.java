package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.Timestamps;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.http.Page;
import com.videoplatform.auth.token.TokenService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/** The users in the database; each method is one transaction. */
@Stateless
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    @PersistenceContext(unitName = "video")
    EntityManager em;

    @Inject
    TokenService tokens;

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
            UserInfo user = new UserInfo(mobile, nickname, roles, Timestamps.now());
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

    /** A page of users with their last login time, by id. */
    public Page.Of<Account> list(Page page) {
        List<Object[]> rows = em.createQuery(
                        "select i, l from UserInfo i, UserLogin l where l.userId = i.id order by i.id", Object[].class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total =
                em.createQuery("select count(i) from UserInfo i", Long.class).getSingleResult();
        return page.of(
                rows.stream()
                        .map(r -> Account.of((UserInfo) r[0], (UserLogin) r[1]))
                        .toList(),
                total);
    }

    /** A user as administrators see them, in one query. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Account> account(long userId) {
        return em.createQuery(
                        "select i, l from UserInfo i, UserLogin l where l.userId = i.id and i.id = :id", Object[].class)
                .setParameter("id", userId)
                .getResultStream()
                .findFirst()
                .map(r -> Account.of((UserInfo) r[0], (UserLogin) r[1]));
    }

    public Account setRoles(long userId, Set<String> roles) {
        UserInfo user = profile(userId).orElseThrow(Users::noSuchUser);
        user.setRoles(roles);
        return account(userId).orElseThrow();
    }

    public Account setEnabled(long userId, boolean enabled) {
        credentials(userId).orElseThrow(Users::noSuchUser).setEnabled(enabled);
        return account(userId).orElseThrow(Users::noSuchUser);
    }

    /** Deletes the account, credentials and profile; whatever else refers to the user must be gone first. */
    public void delete(long userId) {
        UserInfo user = profile(userId).orElseThrow(Users::noSuchUser);
        credentials(userId).ifPresent(em::remove);
        em.remove(user);
        em.flush();
    }

    /**
     * The credentials of a caller who holds a session, read from the database: the account must
     * still exist and be enabled. An account removed (by an admin or by other means) or disabled
     * since the login ends every session of the user at once, and the request is 401 TOKEN_REVOKED.
     */
    public UserLogin active(long userId) {
        UserLogin login = em.find(UserLogin.class, userId);
        if (login == null || !login.isEnabled()) {
            LOG.info(() -> "User " + userId + " holds sessions but has no enabled account; they end now");
            tokens.endAll(userId);
            throw new ApiException(ErrorCode.TOKEN_REVOKED, "The account of this token is gone or disabled.");
        }
        return login;
    }

    /** Grants {@code admin} to the users with these mobiles; returns how many changed. */
    public int grantAdmin(Collection<String> mobiles) {
        int changed = 0;
        for (String mobile : mobiles) {
            Optional<UserInfo> user = em.createNamedQuery("UserInfo.byMobile", UserInfo.class)
                    .setParameter("mobile", mobile)
                    .getResultStream()
                    .findFirst();
            if (user.isPresent() && !user.get().getRoles().contains(UserInfo.ADMIN)) {
                Set<String> roles = new TreeSet<>(user.get().getRoles());
                roles.add(UserInfo.ADMIN);
                user.get().setRoles(roles);
                changed++;
            }
        }
        return changed;
    }

    public static ApiException noSuchUser() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such user.");
    }

    /**
     * Records a login (and a rehashed password, and the admin role when {@code grantAdmin}) and
     * returns the profile, in one transaction.
     */
    public UserInfo loggedIn(long userId, Instant at, Optional<String> upgradedHash, boolean grantAdmin) {
        UserLogin login = em.find(UserLogin.class, userId);
        login.loggedIn(at);
        upgradedHash.ifPresent(login::setPasswordHash);
        UserInfo user = em.find(UserInfo.class, userId);
        if (grantAdmin && !user.getRoles().contains(UserInfo.ADMIN)) {
            Set<String> roles = new TreeSet<>(user.getRoles());
            roles.add(UserInfo.ADMIN);
            user.setRoles(roles);
        }
        return user;
    }

    public void changePassword(long userId, String passwordHash) {
        em.find(UserLogin.class, userId).setPasswordHash(passwordHash);
    }

    private static ApiException taken() {
        return new ApiException(ErrorCode.MOBILE_TAKEN, "This mobile is already registered.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
