package com.videoplatform.auth.client;

public record Registered(long userId, String mobile, String nickname) {}
