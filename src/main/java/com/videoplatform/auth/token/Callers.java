package com.videoplatform.auth.token;

import com.videoplatform.auth.audit.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.servlet.http.HttpServletRequest;

/** Produces the current request's {@link Caller}, which {@link TokenFilter} kept in the request. */
@ApplicationScoped
class Callers {

    @Produces
    @RequestScoped
    @Typed(Caller.class)
    Caller current(HttpServletRequest request) {
        if (request.getAttribute(Actor.ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No caller: only @Secured resources have one");
    }
}
