package com.videoplatform.auth.platform.http;

import java.util.ArrayList;
import java.util.List;

/** A page request of a list endpoint: {@code page} from 0, {@code size} 1 to 100; anything else is 400. */
public record Page(int page, int size) {

    public static final int MAX_SIZE = 100;

    /** One page of a list, as every list endpoint answers it. */
    public record Of<T>(List<T> items, int page, int size, long total) {}

    public static Page of(String page, String size) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        int p = parse(page, 0, 0, Integer.MAX_VALUE, "page", errors);
        int s = parse(size, 20, 1, MAX_SIZE, "size", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Page(p, s);
    }

    private static int parse(
            String raw, int fallback, int min, int max, String name, List<ApiException.FieldError> errors) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new ApiException.FieldError(name, "Use a whole number from " + min + " to " + max + "."));
        return fallback;
    }

    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) page * size);
    }

    public <T> Of<T> of(List<T> items, long total) {
        return new Of<>(items, page, size, total);
    }
}
