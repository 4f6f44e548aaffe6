package com.videoplatform.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.videoplatform.auth.platform.InvalidSetting;
import com.videoplatform.auth.platform.Settings;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The token format: signs and verifies JWS (HS256 by default, or ES256) whose algorithm is fixed
 * by the configuration, never taken from the token; keys looked up by {@code kid} in our own ring only; every claim of docs/api.md
 * required and checked. The consumer is built once and shared by all threads. A token that passed
 * is remembered by its exact text until it expires (a client sends the same token many times), so
 * that its next checks cost a lookup and an expiry test; tokens that fail are never remembered.
 * Sessions are not its business: {@link TokenService} opens and rotates them, {@link TokenFilter}
 * checks them.
 */
@ApplicationScoped
public class TokenCodec {

    static final int MAX_TOKEN_LENGTH = 4096;
    /** The clock skew allowed after {@code exp} (and before {@code nbf}); {@link #hasExpired} applies it to sessions too. */
    static final int CLOCK_SKEW_SECONDS = 30;
    /** Header parameters that point at a key other than ours (RFC 8725 3.10): a token that names one is refused. */
    static final List<String> FOREIGN_KEY_HEADERS = List.of("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256");

    private static final Logger LOG = Logger.getLogger(TokenCodec.class.getName());
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    @ConfigProperty(name = "AUTH_JWT_SECRET")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "AUTH_JWT_ALGORITHM", defaultValue = KeyRing.HS256)
    String algorithm;

    @Inject
    @ConfigProperty(name = "AUTH_JWT_SIGNING_KEY")
    Optional<String> signingKey;

    @Inject
    @ConfigProperty(name = "AUTH_JWT_ISSUER", defaultValue = "video-platform")
    String issuer;

    @Inject
    @ConfigProperty(name = "AUTH_JWT_AUDIENCE", defaultValue = "video-platform-api")
    String audience;

    @Inject
    @ConfigProperty(name = "DATA_DIR", defaultValue = "./data")
    String dataDir;

    static final int MAX_REMEMBERED = 20_000;

    private KeyRing ring;
    private JwtConsumer consumer;
    /** Tokens that passed, by their exact text: bounded, each kept until its expiry plus the skew. */
    private Cache<String, TokenClaims> verified;

    @PostConstruct
    void init() {
        configure(
                switch (algorithm.strip()) {
                    case KeyRing.HS256 -> hmacRing();
                    case KeyRing.ES256 -> ecRing();
                    default -> throw new InvalidSetting("AUTH_JWT_ALGORITHM", "must be HS256 or ES256");
                });
    }

    private KeyRing hmacRing() {
        String current = secret.filter(s -> !s.isBlank()).orElseGet(() -> {
            LOG.warning("AUTH_JWT_SECRET is not set: signing with a development key generated and kept in "
                    + Path.of(dataDir, KeyRing.KEY_FILE).toAbsolutePath() + ". Set AUTH_JWT_SECRET in production.");
            return KeyRing.loadOrGenerate(Path.of(dataDir));
        });
        return KeyRing.of(current, Settings.list("AUTH_JWT_PREVIOUS_SECRETS"));
    }

    private KeyRing ecRing() {
        ECPrivateKey key = signingKey
                .filter(s -> !s.isBlank())
                .map(value -> EcKeys.privateKey(value, "AUTH_JWT_SIGNING_KEY"))
                .orElseGet(() -> {
                    LOG.warning("AUTH_JWT_SIGNING_KEY is not set: signing with a development key generated and kept in "
                            + Path.of(dataDir, EcKeys.KEY_FILE).toAbsolutePath()
                            + ". Set AUTH_JWT_SIGNING_KEY in production.");
                    return EcKeys.loadOrGenerate(Path.of(dataDir));
                });
        return KeyRing.ec(
                key,
                Settings.list("AUTH_JWT_PREVIOUS_KEYS").stream()
                        .map(value -> EcKeys.publicKey(value, "AUTH_JWT_PREVIOUS_KEYS"))
                        .toList());
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad secret fails the deployment, not the first request
    }

    void configure(KeyRing keys) {
        this.ring = keys;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .expireAfter(Expiry.creating((String token, TokenClaims claims) -> Duration.ofSeconds(Math.max(
                        0,
                        claims.expiresAt() + CLOCK_SKEW_SECONDS - Instant.now().getEpochSecond()))))
                .executor(Runnable::run)
                .build();
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, keys.algorithm())
                .setVerificationKeyResolver((jws, nesting) -> ring.key(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown kid")))
                .setExpectedType(true, "JWT")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireNotBefore()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    /** The signature and every claim of a presented token; its session is checked elsewhere. */
    TokenClaims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        TokenClaims known = verified.getIfPresent(token);
        if (known != null) {
            // the one check that can change with time for a token that passed (the cache's expiry is
            // not exact to the second)
            if (hasExpired(known.expiresAt(), Instant.now().getEpochSecond())) {
                verified.invalidate(token);
                throw expired();
            }
            return known;
        }
        TokenClaims claims = parse(token);
        verified.put(token, claims);
        return claims;
    }

    /**
     * The expiry rule of tokens and of their sessions alike (jose4j's with our skew): a token is
     * good until {@code CLOCK_SKEW_SECONDS} after its {@code exp}.
     */
    static boolean hasExpired(long expiresAt, long nowSeconds) {
        return nowSeconds - CLOCK_SKEW_SECONDS >= expiresAt;
    }

    /** The full check, uncached. */
    TokenClaims parse(String token) {
        if (!isCanonical(token)) {
            throw invalid();
        }
        JwtClaims claims;
        try {
            JwtContext context = consumer.process(token);
            var headers = context.getJoseObjects().get(0).getHeaders();
            if (FOREIGN_KEY_HEADERS.stream().anyMatch(name -> headers.getObjectHeaderValue(name) != null)) {
                throw invalid();
            }
            claims = context.getJwtClaims();
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw expired();
            }
            throw invalid();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // jose4j may fail on hostile input with unchecked exceptions; that is still just a bad token
            throw invalid();
        }
        try {
            long userId = Long.parseLong(claims.getSubject());
            String sessionId = claims.getStringClaimValue("sid");
            Object loginTime = claims.getClaimValue("login_time");
            List<String> roles = claims.hasClaim("roles") ? claims.getStringListClaimValue("roles") : null;
            if (userId <= 0
                    || sessionId == null
                    || sessionId.isEmpty()
                    || !(loginTime instanceof Number login)
                    || roles == null
                    || roles.contains(null)) {
                throw invalid();
            }
            return new TokenClaims(
                    userId,
                    sessionId,
                    claims.getJwtId(),
                    login.longValue(),
                    Set.copyOf(roles),
                    claims.getIssuedAt().getValue(),
                    claims.getExpirationTime().getValue());
        } catch (MalformedClaimException | NumberFormatException e) {
            throw invalid();
        }
    }

    /**
     * Compact JWS in base64url without padding (RFC 7515), each segment spelled the one way its
     * bytes encode. jose4j also takes padding, the {@code +/} alphabet and stray trailing bits, so
     * one token would have many spellings, each a new entry in the memory of verified tokens, which
     * is keyed by the exact text. Java's decoder refuses what is outside the alphabet (whitespace
     * included); re-encoding finds padding and trailing bits.
     */
    private static boolean isCanonical(String token) {
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            return false;
        }
        for (String segment : segments) {
            try {
                if (!BASE64URL
                        .encodeToString(Base64.getUrlDecoder().decode(segment))
                        .equals(segment)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    public String sign(
            long userId,
            String sessionId,
            String jti,
            long loginTime,
            Collection<String> roles,
            long issuedAt,
            long expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(Long.toString(userId));
        claims.setClaim("sid", sessionId);
        claims.setJwtId(jti);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setNotBefore(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        claims.setClaim("login_time", loginTime);
        claims.setStringListClaim("roles", List.copyOf(roles));
        // the same values under the name MicroProfile JWT, Quarkus and Spring resource servers read
        claims.setStringListClaim("groups", List.copyOf(roles));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(ring.algorithm());
        jws.setKeyIdHeaderValue(ring.currentKid());
        jws.setHeader("typ", "JWT");
        jws.setKey(ring.signingKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** The public keys that verify our tokens, as an RFC 7517 JWK Set (empty for HS256). */
    public String jwks() {
        return ring.jwks();
    }

    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    static ApiException expired() {
        return new ApiException(ErrorCode.TOKEN_EXPIRED, "The token has expired.");
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.TOKEN_INVALID, "The token is not valid.");
    }
}
