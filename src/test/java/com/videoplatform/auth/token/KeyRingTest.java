package com.videoplatform.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedKeyIsKeptPrivateAndReused() throws Exception {
        String first = KeyRing.loadOrGenerate(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(KeyRing.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(first.getBytes(StandardCharsets.UTF_8).length >= KeyRing.MIN_KEY_BYTES);
        assertEquals(first, KeyRing.loadOrGenerate(dir.resolve("data")));
        assertNotEquals(first, KeyRing.loadOrGenerate(dir.resolve("other")));
    }

    @Test
    void kidsAreStableAndTellKeysApart() {
        String a = "a".repeat(32);
        String b = "b".repeat(32);
        KeyRing ring = KeyRing.of(a, List.of(b));
        assertEquals(KeyRing.of(a, List.of()).currentKid(), ring.currentKid());
        assertNotEquals(KeyRing.of(b, List.of()).currentKid(), ring.currentKid());
        assertTrue(ring.key(KeyRing.of(b, List.of()).currentKid()).isPresent());
        assertTrue(ring.key("nope").isEmpty());
        assertTrue(ring.key(null).isEmpty());
    }
}
