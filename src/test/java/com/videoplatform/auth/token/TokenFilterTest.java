package com.videoplatform.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenFilterTest {

    @Test
    void bearerAndJwtSchemesInAnyCaseCarryAToken() {
        assertEquals(Optional.of("abc"), TokenFilter.headerToken("Bearer abc"));
        assertEquals(Optional.of("abc"), TokenFilter.headerToken("bEaReR   abc "));
        assertEquals(Optional.of("abc"), TokenFilter.headerToken("JWT abc"));
        assertEquals(Optional.of(""), TokenFilter.headerToken("Bearer"));
    }

    @Test
    void otherSchemesAreNoCredentials() {
        assertEquals(Optional.empty(), TokenFilter.headerToken(null));
        assertEquals(Optional.empty(), TokenFilter.headerToken("Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), TokenFilter.headerToken("Bearerabc"));
        assertEquals(Optional.empty(), TokenFilter.headerToken(""));
    }
}
