package com.videoplatform.auth.it.consumer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A tiny platform service that trusts our tokens the standard way, for OtherServicesIT only (never
 * shipped): MicroProfile JWT on Payara Micro, with our JWK Set as its key source (README, "For other
 * services").
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
public class CatalogueApp extends Application {}
