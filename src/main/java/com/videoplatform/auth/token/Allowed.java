package com.videoplatform.auth.token;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a {@link Secured} resource method (or every method of a class),
 * checked by {@link RoleCheck}. Ours rather than {@code @RolesAllowed}, which application servers
 * enforce with their own container login (Payara answers an HTML 401) before our token filter runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    String[] value();
}
