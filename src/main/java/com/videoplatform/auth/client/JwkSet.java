package com.videoplatform.auth.client;

import java.util.List;

/** A JWK Set (RFC 7517) of EC P-256 public keys. */
public record JwkSet(List<Jwk> keys) {

    /** One public key: {@code x} and {@code y} base64url, {@code use} is {@code sig}. */
    public record Jwk(String kty, String crv, String x, String y, String kid, String alg, String use) {}
}
