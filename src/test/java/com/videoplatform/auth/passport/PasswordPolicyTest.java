package com.videoplatform.auth.passport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.ApiException.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    static final PasswordPolicy POLICY = PasswordPolicy.load();

    @Test
    void theCommonListHasTenThousandPasswords() {
        assertEquals(10_000, POLICY.commonCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "        ", "ÄÖÜäöüß€", "密码密码密码密码", "x1234567", "🎬🎬🎬🎬🎬🎬🎬🎬"})
    void acceptsPasswordsOfEightTo128CharactersWithoutCompositionRules(String password) {
        assertEquals(List.of(), POLICY.check("password", password, "13800000000"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertEquals(1, POLICY.check("password", "🎬".repeat(7), null).size());
        assertEquals(0, POLICY.check("password", "🎬".repeat(128), null).size());
        assertEquals(1, POLICY.check("password", "🎬".repeat(129), null).size());
    }

    @Test
    void refusesTooShortTooLongTheMobileAndCommonOnes() {
        assertEquals(List.of(new FieldError("newPassword", "must be 8 to 128 characters long")), POLICY.check("newPassword", "1234567", null));
        assertEquals(1, POLICY.check("password", "x".repeat(129), null).size());
        assertEquals(List.of(new FieldError("password", "must not be the mobile number")), POLICY.check("password", "13800000000", "13800000000"));
        for (String common : List.of("password", "PASSWORD", "12345678", "iloveyou", "qwertyuiop")) {
            List<FieldError> errors = POLICY.check("password", common, null);
            assertEquals(1, errors.size(), common);
            assertTrue(errors.get(0).message().contains("common"), common);
        }
        assertEquals(List.of(new FieldError("password", "must not be null")), POLICY.check("password", null, null));
    }

    @Test
    void checksThePasswordExactlyAsSent() {
        assertEquals(0, POLICY.check("password", " 1234567", null).size(), "not trimmed into the common 1234567");
        assertEquals(0, POLICY.check("password", " password ", null).size(), "spaces are part of it");
    }
}
