/**
 * What the business components stand on besides HTTP and Redis (see the http and redis
 * subpackages): schema migrations at start-up, health checks, list settings and refused settings,
 * the clock's precision, and the ping endpoint. No business rule lives here.
 */
package com.videoplatform.auth.platform;
