package com.videoplatform.auth.client;

import java.util.List;

/** One page of a list: {@code total} items in all. */
public record Page<T>(List<T> items, int page, int size, long total) {}
