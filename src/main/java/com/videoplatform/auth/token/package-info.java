/**
 * What proves who is calling: signing and checking tokens (JWS with jose4j, keys by {@code kid}),
 * the server-side sessions in Redis that every token must still belong to, and the
 * {@link com.videoplatform.auth.token.Secured} guard that installs the caller, which anyone may then
 * inject ({@code @Inject Caller caller}). From outside, the session life cycle goes through
 * {@link com.videoplatform.auth.token.TokenService} only; the Redis store behind it is private to
 * this package. Not responsible for credentials (passport) or for what a caller may do with a
 * resource.
 */
package com.videoplatform.auth.token;
