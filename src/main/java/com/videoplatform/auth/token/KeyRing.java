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
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The signing keys of one algorithm: the current key signs, it and the previous ones verify, each
 * found by its {@code kid}. HS256 keys are secrets, whose kid is a truncated hash of the key (every
 * node that shares the secrets agrees on it, and it reveals nothing usable); ES256 keys are EC
 * P-256 key pairs, whose kid is the RFC 7638 thumbprint of the public key, and whose public halves
 * are published as a JWK Set (RFC 7517). A symmetric key is never published.
 */
public final class KeyRing {

    public static final String HS256 = AlgorithmIdentifiers.HMAC_SHA256;
    public static final String ES256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
    public static final int MIN_KEY_BYTES = 32;
    static final String KEY_FILE = "jwt-secret";

    private final String algorithm;
    private final String currentKid;
    private final Key signingKey;
    private final Map<String, Key> verificationKeys;
    private final String jwks;

    private KeyRing(String algorithm, String currentKid, Key signingKey, Map<String, Key> keys, String jwks) {
        this.algorithm = algorithm;
        this.currentKid = currentKid;
        this.signingKey = signingKey;
        this.verificationKeys = Map.copyOf(keys);
        this.jwks = jwks;
    }

    /** HS256: the current secret and the previous ones (AUTH_JWT_SECRET, AUTH_JWT_PREVIOUS_SECRETS). */
    public static KeyRing of(String current, List<String> previous) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String kid = add(keys, current, "AUTH_JWT_SECRET", "is");
        previous.forEach(secret -> add(keys, secret, "AUTH_JWT_PREVIOUS_SECRETS", "has a key that is"));
        return new KeyRing(HS256, kid, keys.get(kid), keys, new JsonWebKeySet().toJson());
    }

    /** ES256: the signing key and the public keys of previous ones (AUTH_JWT_SIGNING_KEY, AUTH_JWT_PREVIOUS_KEYS). */
    public static KeyRing ec(ECPrivateKey signing, List<ECPublicKey> previous) {
        List<ECPublicKey> publicKeys = new ArrayList<>();
        publicKeys.add(EcKeys.publicKeyOf(signing));
        publicKeys.addAll(previous);
        Map<String, Key> keys = new LinkedHashMap<>();
        JsonWebKeySet set = new JsonWebKeySet();
        try {
            for (ECPublicKey key : publicKeys) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                String kid = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
                if (keys.putIfAbsent(kid, key) == null) {
                    jwk.setKeyId(kid);
                    jwk.setAlgorithm(ES256);
                    jwk.setUse("sig");
                    set.addJsonWebKey(jwk);
                }
            }
            String currentKid = keys.keySet().iterator().next();
            return new KeyRing(ES256, currentKid, signing, keys, set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot describe an EC key as a JWK", e);
        }
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

    /** The JWS algorithm of every key here: tokens of any other are refused. */
    public String algorithm() {
        return algorithm;
    }

    public String currentKid() {
        return currentKid;
    }

    public Key signingKey() {
        return signingKey;
    }

    public Optional<Key> key(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(verificationKeys.get(kid));
    }

    /** The public keys as an RFC 7517 JWK Set; {@code {"keys":[]}} for HS256. */
    public String jwks() {
        return jwks;
    }
}
