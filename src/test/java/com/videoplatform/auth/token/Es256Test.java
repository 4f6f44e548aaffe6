package com.videoplatform.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ES256 signing with kids, rotation and the published JWK Set (docs/api.md, "For other services"). */
class Es256Test {

    @TempDir
    Path dir;

    static KeyPair newPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static TokenCodec codec(KeyRing ring) {
        TokenCodec codec = new TokenCodec();
        codec.issuer = "video-platform";
        codec.audience = "video-platform-api";
        codec.configure(ring);
        return codec;
    }

    static String sign(TokenCodec codec) {
        long now = Instant.now().getEpochSecond();
        return codec.sign(7, "sid", "jti", now, Set.of("user", "admin"), now, now + 600);
    }

    @Test
    void thePublicKeyOfAPrivateKeyIsDerivedExactly() throws Exception {
        for (int i = 0; i < 20; i++) {
            KeyPair pair = newPair();
            assertEquals(pair.getPublic(), EcKeys.publicKeyOf((ECPrivateKey) pair.getPrivate()));
        }
    }

    @Test
    void tokensAreEs256WithTheKidOfAPublishedKeyAndCarryGroups() throws Exception {
        KeyPair pair = newPair();
        TokenCodec codec = codec(KeyRing.ec((ECPrivateKey) pair.getPrivate(), List.of()));
        String token = sign(codec);
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"ES256\""), header);

        JsonWebKeySet jwks = new JsonWebKeySet(codec.jwks());
        assertEquals(1, jwks.getJsonWebKeys().size());
        JsonWebKey jwk = jwks.getJsonWebKeys().get(0);
        assertTrue(header.contains("\"kid\":\"" + jwk.getKeyId() + "\""), header);
        assertEquals("sig", jwk.getUse());
        assertEquals("ES256", jwk.getAlgorithm());
        assertFalse(codec.jwks().contains("\"d\""), "the private part is never published");

        // what another service does with the JWK Set alone
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(jwk.getKey())
                .setExpectedIssuer("video-platform")
                .setExpectedAudience("video-platform-api")
                .build()
                .processToClaims(token);
        assertEquals(
                List.of("admin", "user"),
                claims.getStringListClaimValue("groups").stream().sorted().toList());
        assertEquals(claims.getStringListClaimValue("roles"), claims.getStringListClaimValue("groups"));
        assertEquals(7, codec.verify(token).userId());
    }

    @Test
    void afterARotationOldTokensVerifyAndBothKeysArePublished() throws Exception {
        KeyPair old = newPair();
        KeyPair current = newPair();
        String oldToken = sign(codec(KeyRing.ec((ECPrivateKey) old.getPrivate(), List.of())));
        TokenCodec rotated =
                codec(KeyRing.ec((ECPrivateKey) current.getPrivate(), List.of((ECPublicKey) old.getPublic())));
        assertEquals(7, rotated.verify(oldToken).userId());
        assertEquals(7, rotated.verify(sign(rotated)).userId());
        assertEquals(2, new JsonWebKeySet(rotated.jwks()).getJsonWebKeys().size());
        // a key that is not in the ring, even a valid ES256 one, is refused
        TokenCodec stranger = codec(KeyRing.ec((ECPrivateKey) newPair().getPrivate(), List.of()));
        ApiException e = assertThrows(ApiException.class, () -> rotated.verify(sign(stranger)));
        assertEquals(ErrorCode.TOKEN_INVALID, e.code());
    }

    @Test
    void anHs256TokenIsRefusedByAnEs256RingWhateverItsKey() throws Exception {
        KeyPair pair = newPair();
        TokenCodec codec = codec(KeyRing.ec((ECPrivateKey) pair.getPrivate(), List.of()));
        String kid = new JsonWebKeySet(codec.jwks()).getJsonWebKeys().get(0).getKeyId();
        // the classic confusion: the public key's bytes used as an HMAC secret, under the EC key's kid
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("video-platform");
        claims.setAudience("video-platform-api");
        claims.setSubject("7");
        claims.setGeneratedJwtId();
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(1);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setClaim("sid", "sid");
        claims.setClaim("login_time", 1);
        claims.setStringListClaim("roles", List.of("admin"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(pair.getPublic().getEncoded()));
        ApiException e = assertThrows(ApiException.class, () -> codec.verify(jws.getCompactSerialization()));
        assertEquals(ErrorCode.TOKEN_INVALID, e.code());
    }

    @Test
    void hs256PublishesNoKey() {
        assertEquals("{\"keys\":[]}", KeyRing.of("s".repeat(32), List.of()).jwks());
    }

    @Test
    void keysAreReadFromPemTextOrAFileAndBadOnesNamed() throws Exception {
        KeyPair pair = newPair();
        String privatePem = EcKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        String publicPem = EcKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded());
        assertEquals(pair.getPrivate(), EcKeys.privateKey(privatePem, "S"));
        Path file = Files.writeString(dir.resolve("key.pem"), privatePem);
        assertEquals(pair.getPrivate(), EcKeys.privateKey(file.toString(), "S"));
        assertEquals(pair.getPublic(), EcKeys.publicKey(publicPem, "P"));

        InvalidSetting missing = assertThrows(InvalidSetting.class, () -> EcKeys.privateKey(publicPem, "S"));
        assertTrue(missing.getMessage().contains("S"), missing.getMessage());
        assertThrows(
                InvalidSetting.class,
                () -> EcKeys.privateKey(dir.resolve("none.pem").toString(), "S"));
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
        assertTrue(assertThrows(InvalidSetting.class, () -> EcKeys.privateKey(sec1, "S"))
                .getMessage()
                .contains("pkcs8"));
        // an RSA key is no P-256 key
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem =
                EcKeys.pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded());
        assertThrows(InvalidSetting.class, () -> EcKeys.privateKey(rsaPem, "S"));
        assertFalse(missing.getMessage().contains(privatePem.substring(40, 60)), "no key material in messages");
    }

    @Test
    void theGeneratedKeyIsKeptPrivateAndReused() throws Exception {
        ECPrivateKey first = EcKeys.loadOrGenerate(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(EcKeys.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, EcKeys.loadOrGenerate(dir.resolve("data")));
    }
}
