package com.videoplatform.auth.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment under test is the packaged WAR itself, exactly as it ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        try {
            // the server's log file handler needs its directory before the server starts
            Files.createDirectories(Path.of(System.getProperty("it.log.dir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("war.path")));
    }
}
