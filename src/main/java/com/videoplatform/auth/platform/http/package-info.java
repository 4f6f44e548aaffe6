/**
 * The HTTP edge: every failure as problem+json ({@link com.videoplatform.auth.platform.http.ApiException},
 * {@link com.videoplatform.auth.platform.http.ProblemMapper}, the web container's error page), strict
 * JSON bodies, the body size limit, security headers, paging parameters, and who sent a request
 * ({@link com.videoplatform.auth.platform.http.ClientInfo}, injectable per request). No business rule
 * lives here.
 */
package com.videoplatform.auth.platform.http;
