package com.videoplatform.auth.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videoplatform.auth.admin.AdminResource;
import com.videoplatform.auth.passport.Login;
import com.videoplatform.auth.video.VideoInput;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static JsonValue parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The "field: message" errors of a body for a target type. */
    private static List<String> errors(String json, Type target) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        StrictJson.check(parse(json), target, "body", errors);
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    @Test
    void wrongJsonTypesAreNamedByProperty() {
        assertEquals(
                List.of(
                        "title: Send a JSON string.",
                        "durationSeconds: Send a whole number.",
                        "url: Send a JSON string.",
                        "description: Send a JSON string."),
                errors(
                        "{\"title\":[\"<b>x</b>\",\"y\"],\"durationSeconds\":1.9,\"url\":5,\"description\":{}}",
                        VideoInput.class));
        assertEquals(
                List.of("durationSeconds: Send a whole number."),
                errors("{\"durationSeconds\":\"10\"}", VideoInput.class));
        assertEquals(
                List.of("durationSeconds: Send a whole number."),
                errors("{\"durationSeconds\":1e2}", VideoInput.class));
        assertEquals(
                List.of("durationSeconds: Send a number within range."),
                errors("{\"durationSeconds\":3000000000}", VideoInput.class));
        assertEquals(
                List.of("cookie: Use true or false.", "mobile: Send a JSON string."),
                errors("{\"cookie\":\"yes\",\"mobile\":13800000000}", Login.Request.class));
        assertEquals(List.of("roles: Send a list."), errors("{\"roles\":\"admin\"}", AdminResource.RoleChange.class));
        assertEquals(
                List.of("roles: Send a JSON string."),
                errors("{\"roles\":[\"user\",[\"admin\"]]}", AdminResource.RoleChange.class));
        assertEquals(List.of("body: Send a JSON object."), errors("[1]", VideoInput.class));
    }

    @Test
    void nullsAndUnknownPropertiesPass() {
        assertEquals(
                List.of(),
                errors(
                        "{\"title\":null,\"durationSeconds\":null,\"id\":[1],\"ownerId\":\"x\",\"createdAt\":{}}",
                        VideoInput.class));
        assertEquals(List.of(), errors("{\"roles\":[\"user\",null]}", AdminResource.RoleChange.class));
        assertEquals(
                List.of(),
                errors("{\"mobile\":\"13800000000\",\"password\":\"p\",\"cookie\":true}", Login.Request.class));
        assertEquals(
                List.of(),
                errors("{\"title\":\"t\",\"durationSeconds\":86400,\"url\":\"https://e.com\"}", VideoInput.class));
    }

    @Test
    void oneWellFormedValueAndOnlyWhitespaceAfterIt() {
        assertEquals(JsonValue.ValueType.OBJECT, parse(" {\"a\":1} \r\n\t").getValueType());
        for (String json : List.of(
                "{\"a\":1} xyz",
                "{\"a\":1} {}",
                "{\"a\":1},",
                "{\"a\":1",
                "   ",
                "{'a':1}",
                "[".repeat(5_000) + "]".repeat(5_000))) {
            ApiException e = assertThrows(ApiException.class, () -> parse(json), json);
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertEquals("body", e.errors().get(0).field());
        }
    }
}
