package com.videoplatform.auth.platform.http;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads every JSON request body strictly: one JSON value and nothing but whitespace after it, and
 * each property of the JSON type its Java field or record component has (a string for a String, an
 * integer that fits for an int or a Long, true or false for a boolean, an array for a list, an object
 * for a nested class). Anything else is VALIDATION_FAILED on that property. Unknown properties are
 * ignored and null is allowed, as before; what passes is then bound by the application's JSON-B.
 * <p>
 * Hand-written because Payara's JSON-B (Yasson 3.0) cannot be made strict by configuration: it
 * converts "10" to 10, 1.9 to 1 and an array to its last element (eclipse-ee4j/yasson#609), stops
 * reading after the first value, and its only related option, failing on unknown properties, is
 * something the API rules out (docs/api.md) (ids and times in a body are ignored).
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Priority(Priorities.USER - 1) // ahead of Jersey's JSON-B reader, which has the default priority (USER)
public class StrictJson implements MessageBodyReader<Object> {

    /** The request attribute where the type errors of a {@link Deferred} body wait for its resource. */
    static final String DEFERRED = StrictJson.class.getName() + ".deferred";

    /**
     * On a body class whose resource must act before it refuses the body (register uses up the
     * captcha it names, whatever else is wrong): type errors do not stop the request; the wrongly
     * typed properties are read as absent, and their errors wait for {@link #deferredErrors}.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Deferred {}

    @Context
    Providers providers;

    @Context
    HttpServletRequest request;

    /** The type errors of this request's {@link Deferred} body, for its resource to report. */
    public static List<ApiException.FieldError> deferredErrors(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        List<ApiException.FieldError> errors = (List<ApiException.FieldError>) request.getAttribute(DEFERRED);
        return errors == null ? List.of() : errors;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return !(type == String.class
                || type == byte[].class
                || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type)
                || JsonValue.class.isAssignableFrom(type));
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream entity)
            throws IOException {
        byte[] body = entity.readAllBytes();
        if (body.length == 0) {
            throw ApiException.invalid("body", ApiException.EMPTY_BODY);
        }
        JsonValue value = parse(body);
        if (value == JsonValue.NULL) {
            return null;
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        check(value, genericType, "body", errors);
        if (!errors.isEmpty()) {
            if (!type.isAnnotationPresent(Deferred.class) || !(value instanceof JsonObject object)) {
                throw ApiException.invalid(errors);
            }
            request.setAttribute(DEFERRED, List.copyOf(errors));
            JsonObjectBuilder kept = Json.createObjectBuilder(object);
            errors.forEach(error -> kept.remove(error.field()));
            value = kept.build();
        }
        Jsonb jsonb = providers.getContextResolver(Jsonb.class, mediaType).getContext(type);
        return jsonb.fromJson(value.toString(), genericType);
    }

    static JsonValue parse(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (!parser.hasNext()) {
                return value;
            }
        } catch (RuntimeException e) {
            // not JSON, a second value after the first, or nested too deeply: Parsson reports the last with a
            // plain RuntimeException, the others with a JsonParsingException
        }
        throw ApiException.invalid("body", "Send one JSON value with nothing after it.");
    }

    /** Adds an error for {@code value} at {@code path} (a property name, or "body") unless it has the JSON type of {@code target}. */
    static void check(JsonValue value, Type target, String path, List<ApiException.FieldError> errors) {
        if (value == JsonValue.NULL) {
            return;
        }
        Class<?> raw = target instanceof ParameterizedType p
                ? (Class<?>) p.getRawType()
                : target instanceof Class<?> c ? c : Object.class;
        if (raw == String.class || raw.isEnum()) {
            expect(value.getValueType() == JsonValue.ValueType.STRING, "Send a JSON string.", path, errors);
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (expect(value instanceof JsonNumber n && n.isIntegral(), "Send a whole number.", path, errors)) {
                expect(
                        fits((JsonNumber) value, raw == int.class || raw == Integer.class),
                        "Send a number within range.",
                        path,
                        errors);
            }
        } else if (raw == double.class || raw == Double.class || raw == BigDecimal.class) {
            expect(value.getValueType() == JsonValue.ValueType.NUMBER, "Send a number.", path, errors);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(value == JsonValue.TRUE || value == JsonValue.FALSE, "Use true or false.", path, errors);
        } else if (Collection.class.isAssignableFrom(raw)) {
            if (expect(value.getValueType() == JsonValue.ValueType.ARRAY, "Send a list.", path, errors)) {
                Type element = target instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
                for (JsonValue item : (JsonArray) value) {
                    int before = errors.size();
                    check(item, element, path, errors);
                    if (errors.size() > before) {
                        break; // one error for the array is enough
                    }
                }
            }
        } else if (!(raw.isPrimitive()
                || raw.isArray()
                || raw.getName().startsWith("java.")
                || raw.getName().startsWith("jakarta."))) {
            if (expect(value.getValueType() == JsonValue.ValueType.OBJECT, "Send a JSON object.", path, errors)) {
                String prefix = path.equals("body") ? "" : path + ".";
                ((JsonObject) value).forEach((name, item) -> property(raw, name)
                        .ifPresent(type -> check(item, type, prefix + name, errors)));
            }
        }
        // other types (Object, Map, java.time, arrays, ...) are left to JSON-B
    }

    private static boolean expect(boolean ok, String message, String path, List<ApiException.FieldError> errors) {
        if (!ok) {
            errors.add(new ApiException.FieldError(path, message));
        }
        return ok;
    }

    private static boolean fits(JsonNumber number, boolean isInt) {
        try {
            long exact = number.bigDecimalValue().longValueExact();
            return !isInt || exact == (int) exact;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** The type of the JSON property {@code name} of a record or class (its component or field of that name), if it has one. */
    private static Optional<Type> property(Class<?> type, String name) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(c -> nameOf(c.getName(), c.getAnnotation(JsonbProperty.class))
                            .equals(name))
                    .findFirst()
                    .map(RecordComponent::getGenericType);
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())
                        && !Modifier.isTransient(f.getModifiers())
                        && nameOf(f.getName(), f.getAnnotation(JsonbProperty.class))
                                .equals(name)) {
                    return Optional.of(f.getGenericType());
                }
            }
        }
        return Optional.empty();
    }

    private static String nameOf(String javaName, JsonbProperty annotation) {
        return annotation == null || annotation.value().isEmpty() ? javaName : annotation.value();
    }
}
