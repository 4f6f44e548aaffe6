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
 * committed. The admin is the caller of the request, or, for the operations that also take a
 * {@code channel}, an operator acting through that channel outside HTTP (such as {@code jmx}, see
 * {@link SessionsAdmin}), whom the audit line names by the channel.
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

    /**
     * Needs no account: the sessions of a user who is gone from the database end too. Returns how
     * many were live.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long endSessions(long userId) {
        return endSessions(userId, null);
    }

    /** {@link #endSessions(long)} by an operator through {@code channel}; null: by the request's caller. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long endSessions(long userId, String channel) {
        long ended = tokens.endAll(userId);
        audit.write(entry("admin.sessions.revoke", userId, channel));
        return ended;
    }

    /** Disabling ends every session of the user at once; enabling lets the user log in again. */
    public Account setEnabled(long userId, boolean enabled) {
        return setEnabled(userId, enabled, null);
    }

    /** {@link #setEnabled(long, boolean)} by an operator through {@code channel}; null: by the request's caller. */
    public Account setEnabled(long userId, boolean enabled, String channel) {
        Account account = users.setEnabled(userId, enabled);
        if (!enabled) {
            tokens.endAll(userId);
        }
        audit.writeOnCommit(entry(enabled ? "admin.user.enable" : "admin.user.disable", userId, channel));
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
        return entry(event, userId, null);
    }

    private AuditLog.Entry entry(String event, long userId, String channel) {
        AuditLog.Entry entry = channel == null ? audit.success(event) : audit.operatorSuccess(event, channel);
        return entry.target("user:" + userId);
    }
}
