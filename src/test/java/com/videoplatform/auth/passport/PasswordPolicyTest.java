package com.videoplatform.auth.passport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.http.ApiException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    static final PasswordPolicy POLICY = PasswordPolicy.load();

    static final String MOBILE = "13812345678";

    @Test
    void theCommonListHoldsTheGeneralAndTheChineseLists() {
        assertTrue(
                POLICY.commonCount() > 18_000 && POLICY.commonCount() < 20_000,
                () -> POLICY.commonCount() + " entries");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "correct horse battery",
                " a b c d ",
                "ÄÖÜäöüß€",
                "密码密码密码密码",
                "x1234567",
                "🎬🍿🎬🍿🎬🍿🎬🍿",
                "1381234567",
                "aaaaaaab"
            })
    void acceptsPasswordsOfEightTo128CharactersWithoutCompositionRules(String password) {
        assertEquals(List.of(), POLICY.check("password", password, MOBILE));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertEquals(1, POLICY.check("password", "🎬🍿".repeat(3) + "🎬", null).size());
        assertEquals(0, POLICY.check("password", "🎬🍿".repeat(64), null).size());
        assertEquals(1, POLICY.check("password", "🎬🍿".repeat(64) + "🎬", null).size());
    }

    @Test
    void refusesTooShortTooLongTheMobileAndCommonOnes() {
        assertEquals(
                List.of(new FieldError("newPassword", "Use 8 to 128 characters.")),
                POLICY.check("newPassword", "1234567", null));
        assertEquals(1, POLICY.check("password", "x".repeat(129), null).size());
        assertEquals(
                List.of(new FieldError(
                        "password", "Leave your mobile number out of the password, forwards and backwards.")),
                POLICY.check("password", "13800000000", "13800000000"));
        for (String common : List.of("password", "PASSWORD", "12345678", "iloveyou", "qwertyuiop")) {
            List<FieldError> errors = POLICY.check("password", common, null);
            assertEquals(1, errors.size(), common);
            assertTrue(errors.get(0).message().contains("common"), common);
        }
        assertEquals(List.of(new FieldError("password", "Fill this in.")), POLICY.check("password", null, null));
    }

    /** The trivial passwords of the hardening issue, each refused with its reason in plain words. */
    @Test
    void refusesTrivialPasswordsSayingWhy() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(" ".repeat(8), "Use letters, digits or symbols, not only blank characters such as spaces.");
        refused.put("\t".repeat(8), "Use letters, digits or symbols, not only blank characters such as spaces.");
        refused.put(
                "\u3000".repeat(4) + "\u00a0".repeat(4),
                "Use letters, digits or symbols, not only blank characters such as spaces.");
        refused.put("........", "Use different characters, not one character repeated.");
        refused.put("a".repeat(128), "Use different characters, not one character repeated.");
        refused.put("🎬".repeat(8), "Use different characters, not one character repeated.");
        refused.put("P@ssw0rd", "Choose a less common password: this one is on a list of common passwords.");
        refused.put("woaini1314", "Choose a less common password: this one is on a list of common passwords.");
        refused.put("5201314520", "Choose a less common password: this one is on a list of common passwords.");
        refused.put(
                new StringBuilder(MOBILE).reverse().toString(),
                "Leave your mobile number out of the password, forwards and backwards.");
        refused.put(MOBILE + "0", "Leave your mobile number out of the password, forwards and backwards.");
        refused.put("9" + MOBILE, "Leave your mobile number out of the password, forwards and backwards.");
        refused.put(
                "my " + new StringBuilder(MOBILE).reverse() + " pass",
                "Leave your mobile number out of the password, forwards and backwards.");
        refused.forEach((password, reason) -> assertEquals(
                List.of(new FieldError("newPassword", reason)),
                POLICY.check("newPassword", password, MOBILE),
                password));
    }

    @Test
    void checksThePasswordExactlyAsSent() {
        assertEquals(0, POLICY.check("password", " 1234567", null).size(), "not trimmed into the common 1234567");
        assertEquals(0, POLICY.check("password", " password ", null).size(), "spaces are part of it");
    }
}
