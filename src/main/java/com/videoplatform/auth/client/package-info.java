/**
 * The typed Java client of video-auth for the platform's other JAX-RS services: MicroProfile Rest
 * Client interfaces ({@link PassportClient}, {@link VideosClient}, {@link AdminClient},
 * {@link IntrospectionClient}), the records of their bodies, and {@link ProblemException} for every
 * error. Shipped as the artifact {@code com.videoplatform:video-auth:<version>:client} and left out
 * of the WAR; the consuming service's runtime (Payara, or any MicroProfile Rest Client 3
 * implementation) implements the interfaces. README.md, "For other services", shows its use; the
 * bodies are those of META-INF/openapi.yaml, which the tests keep in step with these records.
 */
package com.videoplatform.auth.client;
