package com.videoplatform.auth.client;

public record StatusChange(Boolean enabled) {}
