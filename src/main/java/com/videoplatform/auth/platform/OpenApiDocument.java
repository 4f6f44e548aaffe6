package com.videoplatform.auth.platform;

import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The last step of the document at {@code /openapi}, which is the static
 * {@code META-INF/openapi.yaml} (docs/api.md, "OpenAPI"): removes the top-level {@code endpoints}
 * map that Payara 6 adds to every document. That key is not OpenAPI and validators refuse it; Payara
 * has no setting for it (later Payara versions rename it {@code x-endpoints}), and the MicroProfile
 * model has no way to reach it, so its getter is found by name. Without that getter (another
 * implementation) there is nothing to remove.
 */
public class OpenApiDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI document) {
        try {
            Method endpoints = document.getClass().getMethod("getEndpoints");
            if (endpoints.invoke(document) instanceof Map<?, ?> map) {
                // an empty map is left out of the document, as every empty value is
                map.clear();
            }
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            // not Payara's model, or not this version of it
        }
    }
}
