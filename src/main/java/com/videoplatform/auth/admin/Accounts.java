package com.videoplatform.auth.admin;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.passport.Account;
import com.videoplatform.auth.passport.Roles;
import com.videoplatform.auth.passport.Users;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.Sessions;
import com.videoplatform.auth.video.Videos;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;

/**
 * What an admin does to other users' accounts: roles, sessions, enabling and deletion. Each is one
 * transaction that ends the user's sessions before it commits (so a failure leaves the sessions
 * ended rather than the change half made), and each writes its audit line here, once, when it has
 * committed.
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
    Sessions sessions;

    @Inject
    AuditLog audit;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** New roles apply from the next login, so every session of the user ends. */
    public Account setRoles(long userId, List<String> names, Caller admin, ClientInfo client) {
        Account account = users.setRoles(userId, roles.requested(names));
        sessions.endAll(userId);
        auditOnCommit(entry("admin.roles", userId, admin, client).reason(String.join(",", account.roles())));
        return account;
    }

    /** Needs no account: the sessions of a user who is gone from the database end too. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void endSessions(long userId, Caller admin, ClientInfo client) {
        sessions.endAll(userId);
        audit.write(entry("admin.sessions.revoke", userId, admin, client));
    }

    /** Disabling ends every session of the user at once; enabling lets the user log in again. */
    public Account setEnabled(long userId, boolean enabled, Caller admin, ClientInfo client) {
        Account account = users.setEnabled(userId, enabled);
        if (!enabled) {
            sessions.endAll(userId);
        }
        auditOnCommit(entry(enabled ? "admin.user.enable" : "admin.user.disable", userId, admin, client));
        return account;
    }

    /** The account and its videos go; the mobile is free to register again. */
    public void delete(long userId, Caller admin, ClientInfo client) {
        videos.deleteAllOf(userId);
        users.delete(userId);
        sessions.endAll(userId);
        auditOnCommit(entry("admin.user.delete", userId, admin, client));
    }

    /** A change that rolls back leaves no line saying it succeeded. */
    private void auditOnCommit(AuditLog.Entry entry) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    audit.write(entry);
                }
            }
        });
    }

    private static AuditLog.Entry entry(String event, long userId, Caller admin, ClientInfo client) {
        return AuditLog.success(event, client).user(admin.userId()).session(admin.sessionId()).target("user:" + userId);
    }
}
