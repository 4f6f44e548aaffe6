package com.videoplatform.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCodecTest {

    static final String SECRET = "test-secret-test-secret-test-secret-0123";
    static final String OLD_SECRET = "older-secret-older-secret-older-secret-99";

    TokenCodec service;
    long now;

    @BeforeEach
    void setUp() {
        service = new TokenCodec();
        service.issuer = "video-platform";
        service.audience = "video-platform-api";
        service.configure(KeyRing.of(SECRET, List.of(OLD_SECRET)));
        now = Instant.now().getEpochSecond();
    }

    /** Claims as the service issues them, for tests to spoil one at a time. */
    private JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("video-platform");
        claims.setAudience("video-platform-api");
        claims.setSubject("42");
        claims.setClaim("sid", "session-1");
        claims.setJwtId("jti-1");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        claims.setClaim("login_time", now);
        claims.setStringListClaim("roles", List.of("user"));
        return claims;
    }

    private static String sign(JwtClaims claims, String secret, String alg, Consumer<JsonWebSignature> header)
            throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(kidOf(secret));
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        header.accept(jws);
        return jws.getCompactSerialization();
    }

    private static String sign(JwtClaims claims) throws Exception {
        return sign(claims, SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> {});
    }

    private static String kidOf(String secret) {
        return KeyRing.of(secret, List.of()).currentKid();
    }

    private void assertRejected(ErrorCode code, String token) {
        ApiException e = assertThrows(ApiException.class, () -> service.verify(token));
        assertEquals(code, e.code());
    }

    @Test
    void issuedTokensVerifyWithAllTheirClaims() {
        String token = service.sign(7, "sid-7", "jti-7", now - 100, Set.of("user", "admin"), now, now + 600);
        TokenClaims claims = service.verify(token);
        assertEquals(new TokenClaims(7, "sid-7", "jti-7", now - 100, Set.of("user", "admin"), now, now + 600), claims);
    }

    @Test
    void headerNamesTheAlgorithmTypeAndKey() {
        String token = service.sign(7, "s", "j", now, Set.of("user"), now, now + 60);
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals(
                true,
                header.contains("\"alg\":\"HS256\"")
                        && header.contains("\"typ\":\"JWT\"")
                        && header.contains("\"kid\":\"" + kidOf(SECRET) + "\""),
                header);
    }

    @Test
    void tokensSignedWithAPreviousKeyStillVerify() throws Exception {
        assertEquals(
                42,
                service.verify(sign(claims(), OLD_SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> {}))
                        .userId());
    }

    @Test
    void anExpiredTokenIsExpired() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 100));
        claims.setNotBefore(NumericDate.fromSeconds(now - 100));
        claims.setExpirationTime(NumericDate.fromSeconds(now - 31));
        assertRejected(ErrorCode.TOKEN_EXPIRED, sign(claims));
    }

    @Test
    void clockSkewOfThirtySecondsIsAllowed() throws Exception {
        JwtClaims expiring = claims();
        expiring.setIssuedAt(NumericDate.fromSeconds(now - 100));
        expiring.setNotBefore(NumericDate.fromSeconds(now - 100));
        expiring.setExpirationTime(NumericDate.fromSeconds(now - 20));
        assertEquals(42, service.verify(sign(expiring)).userId());
        JwtClaims early = claims();
        early.setNotBefore(NumericDate.fromSeconds(now + 20));
        assertEquals(42, service.verify(sign(early)).userId());
    }

    @Test
    void aTokenNotYetValidIsInvalid() throws Exception {
        JwtClaims claims = claims();
        claims.setNotBefore(NumericDate.fromSeconds(now + 120));
        assertRejected(ErrorCode.TOKEN_INVALID, sign(claims));
    }

    @Test
    void wrongIssuerOrAudienceIsInvalid() throws Exception {
        JwtClaims issuer = claims();
        issuer.setIssuer("someone-else");
        assertRejected(ErrorCode.TOKEN_INVALID, sign(issuer));
        JwtClaims audience = claims();
        audience.setAudience("another-api");
        assertRejected(ErrorCode.TOKEN_INVALID, sign(audience));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "login_time", "roles"})
    void everyClaimIsRequired(String claim) throws Exception {
        JwtClaims claims = claims();
        claims.unsetClaim(claim);
        assertRejected(ErrorCode.TOKEN_INVALID, sign(claims));
    }

    @Test
    void claimsOfTheWrongShapeAreInvalid() throws Exception {
        JwtClaims subject = claims();
        subject.setSubject("../admin");
        assertRejected(ErrorCode.TOKEN_INVALID, sign(subject));
        JwtClaims roles = claims();
        roles.setClaim("roles", "admin");
        assertRejected(ErrorCode.TOKEN_INVALID, sign(roles));
        JwtClaims login = claims();
        login.setClaim("login_time", "yesterday");
        assertRejected(ErrorCode.TOKEN_INVALID, sign(login));
    }

    @Test
    void aSignatureByAnotherKeyIsInvalid() throws Exception {
        String other = "another-secret-another-secret-another-1";
        assertRejected(ErrorCode.TOKEN_INVALID, sign(claims(), other, AlgorithmIdentifiers.HMAC_SHA256, jws -> {}));
        // another key under our kid
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(claims(), other, AlgorithmIdentifiers.HMAC_SHA256, jws -> jws.setKeyIdHeaderValue(kidOf(SECRET))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "../../etc/passwd", "' OR 1=1 --"})
    void anUnknownKidIsInvalid(String kid) throws Exception {
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(claims(), SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> jws.setKeyIdHeaderValue(kid)));
    }

    @Test
    void aMissingKidIsInvalid() throws Exception {
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(claims(), SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> jws.setKeyIdHeaderValue(null)));
    }

    @Test
    void otherAlgorithmsAreInvalidEvenWithOurKey() throws Exception {
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(
                        claims(),
                        SECRET + SECRET,
                        AlgorithmIdentifiers.HMAC_SHA512,
                        jws -> jws.setKeyIdHeaderValue(kidOf(SECRET))));
        assertRejected(ErrorCode.TOKEN_INVALID, sign(claims(), SECRET, AlgorithmIdentifiers.HMAC_SHA384, jws -> {}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokensAreInvalid(String alg) throws Exception {
        String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kidOf(SECRET) + "\"}");
        String payload = b64(claims().toJson());
        assertRejected(ErrorCode.TOKEN_INVALID, header + "." + payload + ".");
        assertRejected(ErrorCode.TOKEN_INVALID, header + "." + payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwk", "jku", "x5u", "x5c", "x5t"})
    void headersNamingAnotherKeyAreInvalidEvenWhenOurKeySigned(String header) throws Exception {
        String value = header.equals("jwk") ? "{\"kty\":\"oct\",\"k\":\"AAAA\"}" : "http://127.0.0.1:1/keys";
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(claims(), SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> jws.setHeader(header, value)));
    }

    @Test
    void anRsaSignedTokenIsInvalid() throws Exception {
        var pair = java.security.KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        var keys = pair.generateKeyPair();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kidOf(SECRET));
        jws.setKey(keys.getPrivate());
        assertRejected(ErrorCode.TOKEN_INVALID, jws.getCompactSerialization());
    }

    @Test
    void aWrongTypeHeaderIsInvalid() throws Exception {
        assertRejected(
                ErrorCode.TOKEN_INVALID,
                sign(claims(), SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> jws.setHeader("typ", "at+jwt")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e", "!!!.@@@.###", "{\"payload\":\"x\",\"signatures\":[]}"
            })
    void malformedTokensAreInvalid(String token) {
        assertRejected(ErrorCode.TOKEN_INVALID, token);
    }

    @Test
    void hugeTokensAreInvalidWithoutParsing() throws Exception {
        JwtClaims claims = claims();
        claims.setClaim("padding", "x".repeat(5000));
        assertRejected(ErrorCode.TOKEN_INVALID, sign(claims));
        assertRejected(ErrorCode.TOKEN_INVALID, null);
    }

    @Test
    void aShortSecretIsRefusedNamingItsSettingButNotItsValue() {
        String current = "x".repeat(31);
        InvalidSetting refused = assertThrows(InvalidSetting.class, () -> KeyRing.of(current, List.of()));
        assertEquals(
                "AUTH_JWT_SECRET is too short: a key must be at least 32 bytes long, this one has 31",
                refused.getMessage());
        refused = assertThrows(InvalidSetting.class, () -> KeyRing.of(SECRET, List.of("short")));
        assertEquals(
                "AUTH_JWT_PREVIOUS_SECRETS has a key that is too short: a key must be at least 32 bytes long, this one has 5",
                refused.getMessage());
    }

    @Test
    void aTokenSignedByARetiredKeyIsInvalidOnceTheKeyIsDropped() throws Exception {
        String token = sign(claims(), OLD_SECRET, AlgorithmIdentifiers.HMAC_SHA256, jws -> {});
        assertEquals(42, service.verify(token).userId()); // and remembered
        service.configure(KeyRing.of(SECRET, List.of()));
        assertRejected(ErrorCode.TOKEN_INVALID, token);
    }

    @Test
    void aRememberedTokenStillExpires() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 100));
        claims.setNotBefore(NumericDate.fromSeconds(now - 100));
        claims.setExpirationTime(
                NumericDate.fromSeconds(now - TokenCodec.CLOCK_SKEW_SECONDS + 1)); // for about one more second
        String token = sign(claims);
        assertEquals(42, service.verify(token).userId());
        assertEquals(42, service.verify(token).userId()); // from memory now
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Instant.now().getEpochSecond() <= now + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20); // until the clock has passed the expiry
        }
        assertRejected(ErrorCode.TOKEN_EXPIRED, token);
        assertRejected(ErrorCode.TOKEN_EXPIRED, token);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() throws Exception {
        String token = sign(claims());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        for (int i = 0; i < 3; i++) {
            assertRejected(ErrorCode.TOKEN_INVALID, tampered);
        }
        assertEquals(42, service.verify(token).userId());
    }

    @Test
    void onlyTheCanonicalSpellingOfATokenIsAToken() throws Exception {
        JwtClaims claims = claims();
        String token = sign(claims);
        // a harmless extra claim varied until the token holds a '-' or '_', which the standard alphabet spells
        // otherwise
        for (int i = 0; !token.matches(".*[-_].*"); i++) {
            claims.setClaim("n", i);
            token = sign(claims);
        }
        assertEquals(42, service.verify(token).userId()); // and remembered: a respelling must not be found there either
        String[] parts = token.split("\\.");
        String signature = parts[2];
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (String respelled : List.of(
                token.replace('-', '+').replace('_', '/'),
                token + "=",
                padded(parts[0]) + "." + padded(parts[1]) + "." + padded(signature),
                // 32 bytes of HS256 are 43 characters: the last one carries 4 bits, and 2 bits that must be 0
                parts[0] + "." + parts[1] + "." + signature.substring(0, 42)
                        + alphabet.charAt(alphabet.indexOf(signature.charAt(42)) | 1),
                parts[0] + "." + parts[1].substring(0, 8) + " " + parts[1].substring(8) + "." + signature,
                parts[0] + "." + parts[1] + "\n." + signature,
                parts[0] + ".." + parts[1] + "." + signature)) {
            assertRejected(ErrorCode.TOKEN_INVALID, respelled);
        }
        assertEquals(42, service.verify(token).userId());
    }

    @Test
    void theExpiryRuleAllowsTheSkewAfterExp() {
        assertEquals(false, TokenCodec.hasExpired(now, now + TokenCodec.CLOCK_SKEW_SECONDS - 1));
        assertEquals(true, TokenCodec.hasExpired(now, now + TokenCodec.CLOCK_SKEW_SECONDS));
    }

    private static String padded(String segment) {
        return segment + "=".repeat((4 - segment.length() % 4) % 4);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
