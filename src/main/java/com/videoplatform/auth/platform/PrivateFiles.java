package com.videoplatform.auth.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/** The secrets the service makes for itself on first start (signing keys, the embedded Redis's password): owner-only files. */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /**
     * The file's text, stripped; made first, with mode 0600, from {@code content} when it does not
     * exist. Nodes that share a data directory and start at once agree on one file: the first to
     * create it wins, the others read it. An existing file is made owner-only too (earlier versions
     * may have made it otherwise).
     */
    public static String readOrCreate(Path file, Supplier<String> content) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, content.get());
            } catch (FileAlreadyExistsException raced) {
                // another node on this data directory made it first; use theirs
            }
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return Files.readString(file).strip();
    }
}
