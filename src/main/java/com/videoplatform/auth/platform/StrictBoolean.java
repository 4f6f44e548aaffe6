package com.videoplatform.auth.platform;

import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * A JSON {@code true} or {@code false} and nothing else; any other value reads as null, for the
 * resource to refuse by name. JSON-B's own Boolean takes {@code "yes"}, {@code 1} or
 * {@code "false"} as well, and a mistyped body must never change a flag.
 */
public class StrictBoolean implements JsonbDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
        return switch (parser.getValue().getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
