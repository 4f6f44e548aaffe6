package com.videoplatform.auth.admin;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.passport.Account;
import com.videoplatform.auth.passport.Roles;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.token.TokenService;
import com.videoplatform.auth.video.Videos;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What an admin does to other users' accounts: roles, sessions, enabling and deletion. Each is one
 * transaction that ends the user's sessions before it commits (so a failure leaves the sessions
 * ended rather than the change half made), and each writes its audit line here, once, when it has
 * committed. The admin is the caller of the request.
 */
@Stateless
public class Accounts {

    @Inject
    Users users;

    @Inject
    Videos videos;

    @Inject
    Roles roles;

    @Inject
    TokenService tokens;

    @Inject
    AuditLog audit;

    /** New roles apply from the next login, so every session of the user ends. */
    public Account setRoles(long userId, List<String> names) {
        Account account = users.setRoles(userId, roles.requested(names));
        tokens.endAll(userId);
        audit.writeOnCommit(entry("admin.roles", userId).reason(String.join(",", account.roles())));
        return account;
    }

    /** Needs no account: the sessions of a user who is gone from the database end too. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void endSessions(long userId) {
        tokens.endAll(userId);
        audit.write(entry("admin.sessions.revoke", userId));
    }

    /** Disabling ends every session of the user at once; enabling lets the user log in again. */
    public Account setEnabled(long userId, boolean enabled) {
        Account account = users.setEnabled(userId, enabled);
        if (!enabled) {
            tokens.endAll(userId);
        }
        audit.writeOnCommit(entry(enabled ? "admin.user.enable" : "admin.user.disable", userId));
        return account;
    }

    /** The account and its videos go; the mobile is free to register again. */
    public void delete(long userId) {
        videos.deleteAllOf(userId);
        users.delete(userId);
        tokens.endAll(userId);
        audit.writeOnCommit(entry("admin.user.delete", userId));
    }

    private AuditLog.Entry entry(String event, long userId) {
        return audit.success(event).target("user:" + userId);
    }
}
