package com.videoplatform.auth.client;

/** What a client sets on a video: {@code title} 1 to 200 characters, {@code description} at most 5,000 or null, {@code durationSeconds} 1 to 86,400, an http(s) {@code url}. */
public record VideoInput(String title, String description, Integer durationSeconds, String url) {}
