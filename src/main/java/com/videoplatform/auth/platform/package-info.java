/**
 * What the business components stand on: the Redis connection (and the embedded Redis of the
 * zero-configuration default), schema migrations at start-up, the problem+json error layer,
 * the request body limit and the client's address. No business rule lives here.
 */
package com.videoplatform.auth.platform;
