package com.videoplatform.auth.client;

public record PasswordChange(String currentPassword, String newPassword) {}
