package com.videoplatform.auth.client;

/** A registration with a solved captcha; {@code nickname} may be null (then it is the mobile). */
public record RegisterRequest(String mobile, String password, String captchaId, String captchaCode, String nickname) {}
