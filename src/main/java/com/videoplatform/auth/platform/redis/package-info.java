/**
 * Redis for the business components: the one Lettuce connection (standalone, Sentinel, Cluster,
 * TLS), the embedded redis-server of the zero-configuration default, and the near cache. What the
 * keys mean is the business of their users (sessions in token, counters and captchas in passport).
 */
package com.videoplatform.auth.platform.redis;
