package com.videoplatform.auth.client;

import java.util.List;

/** The roles to set: {@code user} and {@code admin} are known. */
public record RoleChange(List<String> roles) {}
