package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.http.ApiException.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (OWASP ASVS 6.2): 8 to 128 characters counted as sent, not blank,
 * not one character repeated, not containing the mobile forwards or backwards, and not in the list
 * of common passwords (the 10,000 most common ones and the 10,000 most common Chinese ones; sources
 * and licences in {@code common-passwords.SOURCE.txt}). No composition rules.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_LIST = "/passport/common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    public static PasswordPolicy load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + COMMON_LIST);
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines()
                        .filter(line -> !line.isEmpty())
                        .map(PasswordPolicy::fold)
                        .forEach(words::add);
            }
            return new PasswordPolicy(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int commonCount() {
        return common.size();
    }

    /** The problems of a candidate password, reported on {@code field}; empty when it is acceptable. */
    public List<FieldError> check(String field, String password, String mobile) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null) {
            errors.add(new FieldError(field, "Fill this in."));
            return errors;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            errors.add(new FieldError(field, "Use " + MIN_LENGTH + " to " + MAX_LENGTH + " characters."));
        } else if (password.codePoints().allMatch(PasswordPolicy::isBlank)) {
            errors.add(
                    new FieldError(field, "Use letters, digits or symbols, not only blank characters such as spaces."));
        } else if (password.codePoints().distinct().count() == 1) {
            errors.add(new FieldError(field, "Use different characters, not one character repeated."));
        } else if (mobile != null
                && mobile.matches(Registration.MOBILE_PATTERN)
                && (password.contains(mobile) || password.contains(new StringBuilder(mobile).reverse()))) {
            errors.add(new FieldError(field, "Leave your mobile number out of the password, forwards and backwards."));
        } else if (common.contains(fold(password))) {
            errors.add(
                    new FieldError(field, "Choose a less common password: this one is on a list of common passwords."));
        }
        return errors;
    }

    /** Whitespace, and the spaces {@link Character#isWhitespace} leaves out (no-break spaces). */
    private static boolean isBlank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** The list is lower case; a capitalised common password is still common. */
    private static String fold(String password) {
        return password.toLowerCase(Locale.ROOT);
    }
}
