package com.videoplatform.auth.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record's message as one line to a file that keeps its name ({@code audit.log})
 * and rotates by size to {@code audit.log.1} ... {@code audit.log.N}. The JDK's FileHandler
 * would number the live file too ({@code audit.log.0}), which breaks the documented path and
 * every tail -f. Each file is created readable by the service's user only, whatever the umask
 * of the server that runs us. Errors go to the ErrorManager, never to the caller. The size and the
 * number of files kept are asked for at each line, so that an operator's change applies at once.
 */
final class RotatingFileHandler extends Handler {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final LongSupplier maxBytes;
    private final LongSupplier keep;
    private OutputStream out;
    private long written;

    /** {@code maxBytes} at least 1 KiB, {@code keep} (rotated files kept) at least one. */
    RotatingFileHandler(Path file, LongSupplier maxBytes, LongSupplier keep) throws IOException {
        this.file = file;
        this.maxBytes = () -> Math.max(1024, maxBytes.getAsLong());
        this.keep = () -> Math.max(1, keep.getAsLong());
        openFile();
    }

    private void openFile() throws IOException {
        out = new BufferedOutputStream(Channels.newOutputStream(Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))));
        written = Files.size(file);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line = (record.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                openFile();
            }
            if (written > 0 && written + line.length > maxBytes.getAsLong()) {
                rotate();
            }
            out.write(line);
            out.flush();
            written += line.length;
        } catch (IOException | RuntimeException e) {
            reportError("Cannot write the audit log", e, ErrorManager.WRITE_FAILURE);
            closeQuietly();
        }
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        int kept = (int) Math.min(keep.getAsLong(), 10_000);
        Files.deleteIfExists(numbered(kept));
        for (int i = kept - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        openFile();
    }

    private Path numbered(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // already reported through the ErrorManager
        }
        out = null;
    }

    @Override
    public synchronized void flush() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("Cannot flush the audit log", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
