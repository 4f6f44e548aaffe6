package com.videoplatform.auth.audit;

/**
 * Who acted in an authenticated request: the user and the session of its token. The token
 * package's caller is one; it is kept in the request under {@link #ATTRIBUTE}, where
 * {@link AuditLog} finds it to name who did what.
 */
public interface Actor {

    String ATTRIBUTE = Actor.class.getName();

    long userId();

    String sessionId();
}
