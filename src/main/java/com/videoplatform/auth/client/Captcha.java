package com.videoplatform.auth.client;

/** An image captcha: {@code image} is a {@code data:image/png;base64,} URL; its code is valid for {@code expiresIn} seconds. */
public record Captcha(String captchaId, String image, long expiresIn) {}
