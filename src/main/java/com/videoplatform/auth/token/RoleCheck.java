package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Enforces {@link Allowed} on JAX-RS resources after the {@link TokenFilter} has installed the
 * caller: a caller without one of the roles gets 403 {@code FORBIDDEN}.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Allowed allowed = resource.getResourceMethod().getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed != null) {
            context.register(new Filter(List.of(allowed.value())));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private record Filter(List<String> roles) implements ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() == null || roles.stream().noneMatch(security::isUserInRole)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "This needs the role " + String.join(" or ", roles) + ".");
            }
        }
    }
}
