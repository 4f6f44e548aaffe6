package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.InvalidSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.keys.HmacKey;

/**
 * The HS256 keys: the current one signs, it and the previous ones verify. A key's {@code kid} is
 * derived from a hash of the key, so every node that shares the secrets agrees on it without
 * configuration, and the kid reveals nothing usable about the key.
 */
public final class KeyRing {

    public static final int MIN_KEY_BYTES = 32;
    static final String KEY_FILE = "jwt-secret";

    private final String currentKid;
    private final Map<String, Key> keys;

    private KeyRing(String currentKid, Map<String, Key> keys) {
        this.currentKid = currentKid;
        this.keys = Map.copyOf(keys);
    }

    public static KeyRing of(String current, List<String> previous) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String kid = add(keys, current, "AUTH_JWT_SECRET", "is");
        previous.forEach(secret -> add(keys, secret, "AUTH_JWT_PREVIOUS_SECRETS", "has a key that is"));
        return new KeyRing(kid, keys);
    }

    /** The key file's secret, made on first use with 256 random bits and readable by the owner only. */
    public static String loadOrGenerate(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, secret);
                } catch (FileAlreadyExistsException raced) {
                    // another node on this data directory made it first; use theirs
                }
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key in " + dataDir, e);
        }
    }

    private static String add(Map<String, Key> keys, String secret, String setting, String subject) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new InvalidSetting(
                    setting,
                    subject + " too short: a key must be at least " + MIN_KEY_BYTES + " bytes long, this one has "
                            + bytes.length);
        }
        String kid = kid(bytes);
        keys.putIfAbsent(kid, new HmacKey(bytes));
        return kid;
    }

    private static String kid(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKid() {
        return currentKid;
    }

    public Key currentKey() {
        return keys.get(currentKid);
    }

    public Optional<Key> key(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(keys.get(kid));
    }
}
