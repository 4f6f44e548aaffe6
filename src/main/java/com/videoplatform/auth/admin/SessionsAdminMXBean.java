package com.videoplatform.auth.admin;

/**
 * Session administration for operators, over JMX (JConsole, VisualVM, Payara's REST monitoring) as
 * {@value SessionsAdmin#OBJECT_NAME}: no application token needed, the JMX connector's own access
 * control guards it. docs/operations.md ("Session administration over JMX") says how to connect.
 */
public interface SessionsAdminMXBean {

    /** Live sessions of all users, counted in Redis at most every few seconds (the figure of /metrics). */
    long getActiveSessions();

    /** The user's live sessions. */
    long activeSessions(long userId);

    /** Ends every session of the user, whether or not the account still exists; returns how many were live. */
    long endSessions(long userId);

    /** Disables the account and ends its sessions; a login with the right password is then refused. */
    void disableUser(long userId);

    /** Enables the account again. */
    void enableUser(long userId);
}
