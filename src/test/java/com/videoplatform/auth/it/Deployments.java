package com.videoplatform.auth.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment under test is the packaged WAR itself, exactly as it ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("war.path")));
    }
}
