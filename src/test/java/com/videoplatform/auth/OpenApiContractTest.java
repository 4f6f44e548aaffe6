package com.videoplatform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.token.Secured;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document (META-INF/openapi.yaml, served at /openapi) is the typed contract and must
 * not drift from the code: it validates; its operations are exactly the deployed JAX-RS resource
 * methods and servlets, with their media types, parameters and security; its error responses name
 * only codes of their status; and its schemas have the properties, of the JSON types, of the
 * server's bodies and of the client's records. ClientIT validates the document as Payara serves it.
 */
class OpenApiContractTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A deployed operation: its Java method (null for a servlet's), and its class. */
    record Deployed(Class<?> type, Method method) {}

    static SwaggerParseResult parsed;
    static OpenAPI doc;
    static Map<String, Operation> documented;
    static Map<String, Deployed> deployed;

    @BeforeAll
    static void load() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(document(), null, options);
        doc = parsed.getOpenAPI();
        assertNotNull(doc, () -> "unparsable: " + parsed.getMessages());
        documented = operations(doc);
        deployed = deployedOperations();
    }

    static String document() throws IOException {
        try (InputStream in = Api.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertNotNull(in, "META-INF/openapi.yaml");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void documentIsValidOpenApiWithNothingNonStandard() {
        assertEquals(List.of(), parsed.getMessages());
        assertTrue(doc.getOpenapi().startsWith("3."), doc.getOpenapi());
        assertTrue(doc.getExtensions() == null || doc.getExtensions().isEmpty(), () -> "" + doc.getExtensions());
    }

    @Test
    void documentedOperationsAreExactlyTheDeployedOnes() {
        assertEquals(new TreeSet<>(deployed.keySet()), new TreeSet<>(documented.keySet()));
    }

    @Test
    void operationIdsAreUnique() {
        List<String> ids =
                documented.values().stream().map(Operation::getOperationId).toList();
        assertFalse(ids.contains(null), () -> "" + ids);
        assertEquals(ids.size(), new TreeSet<>(ids).size(), () -> "" + ids);
    }

    @Test
    void requestBodiesAndResponsesHaveTheDeployedMediaTypes() {
        for (var entry : deployed.entrySet()) {
            Deployed d = entry.getValue();
            Operation op = documented.get(entry.getKey());
            if (d.method() == null || op == null) {
                continue;
            }
            Set<String> consumes = mediaTypes(d.method(), d.type(), Consumes.class);
            boolean entity = Arrays.stream(d.method().getParameters())
                    .anyMatch(p -> Stream.of(p.getAnnotations()).noneMatch(OpenApiContractTest::isParamAnnotation));
            boolean form =
                    Arrays.stream(d.method().getParameters()).anyMatch(p -> p.isAnnotationPresent(FormParam.class));
            if (entity || form) {
                assertNotNull(op.getRequestBody(), entry.getKey() + " takes a body");
                assertTrue(op.getRequestBody().getRequired(), entry.getKey());
                Set<String> body = op.getRequestBody().getContent().keySet();
                assertEquals(form ? Set.of(MediaType.APPLICATION_FORM_URLENCODED) : consumes, body, entry.getKey());
            } else {
                assertEquals(null, op.getRequestBody(), entry.getKey() + " takes no body");
            }
            Set<String> produces = mediaTypes(d.method(), d.type(), Produces.class);
            for (var response : responses(op).entrySet()) {
                Content content = response.getValue().getContent();
                if (response.getKey().startsWith("2")) {
                    if (content != null) {
                        assertEquals(produces, content.keySet(), entry.getKey() + " " + response.getKey());
                    }
                } else {
                    assertNotNull(content, entry.getKey() + " " + response.getKey());
                    assertEquals(Set.of(PROBLEM_JSON), content.keySet(), entry.getKey() + " " + response.getKey());
                }
            }
        }
    }

    @Test
    void parametersAreTheDeployedOnes() {
        for (var entry : deployed.entrySet()) {
            Deployed d = entry.getValue();
            Operation op = documented.get(entry.getKey());
            if (d.method() == null || op == null) {
                continue;
            }
            List<Parameter> params = parameters(entry.getKey(), op);
            for (var kind :
                    Map.of("path", PathParam.class, "query", QueryParam.class).entrySet()) {
                Set<String> java = Arrays.stream(d.method().getParameters())
                        .filter(p -> p.isAnnotationPresent(kind.getValue()))
                        .map(p -> annotationValue(p.getAnnotation(kind.getValue())))
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> documentedNames = params.stream()
                        .filter(p -> kind.getKey().equals(p.getIn()))
                        .map(Parameter::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(java, documentedNames, entry.getKey() + " " + kind.getKey() + " parameters");
            }
            for (Parameter p : params) {
                Class<?> type = Arrays.stream(d.method().getParameters())
                        .filter(jp -> p.getName().equals(paramName(jp)))
                        .map(java.lang.reflect.Parameter::getType)
                        .findFirst()
                        .orElseThrow();
                if (type != String.class) {
                    assertEquals(jsonType(type), schemaType(p.getSchema()), entry.getKey() + " " + p.getName());
                }
            }
        }
    }

    @Test
    void protectedOperationsRequireATokenAndTheCsrfHeaderWithTheCookie() {
        for (var entry : deployed.entrySet()) {
            Deployed d = entry.getValue();
            Operation op = documented.get(entry.getKey());
            if (op == null) {
                continue;
            }
            boolean secured = d.method() != null
                    && (d.method().isAnnotationPresent(Secured.class)
                            || d.type().isAnnotationPresent(Secured.class));
            List<Map<String, List<String>>> requirements = op.getSecurity() == null
                    ? List.of()
                    : op.getSecurity().stream()
                            .map(r -> (Map<String, List<String>>) new TreeMap<>(r))
                            .toList();
            boolean bearer = requirements.stream().anyMatch(r -> r.containsKey("bearer"));
            assertEquals(secured, bearer, entry.getKey() + " security " + requirements);
            if (secured) {
                String method = entry.getKey().split(" ")[0];
                Set<String> cookie =
                        UNSAFE.contains(method) ? Set.of("accessCookie", "csrfHeader") : Set.of("accessCookie");
                assertEquals(
                        List.of(Set.of("bearer"), cookie),
                        requirements.stream().map(Map::keySet).toList(),
                        entry.getKey());
                assertEquals(
                        Set.of("AUTH_REQUIRED", "TOKEN_INVALID", "TOKEN_EXPIRED", "TOKEN_REVOKED"),
                        codes(responses(op).get("401")),
                        entry.getKey());
                assertTrue(responses(op).get("401").getHeaders().containsKey("WWW-Authenticate"), entry.getKey());
                if (UNSAFE.contains(method)) {
                    assertTrue(codes(responses(op).get("403")).contains("CSRF_INVALID"), entry.getKey());
                }
            }
        }
        assertEquals(
                Set.of("bearer", "accessCookie", "csrfHeader", "introspectionClient"),
                doc.getComponents().getSecuritySchemes().keySet());
    }

    @Test
    void errorCodesAreTheServersAndTheClientsAndEachResponseNamesCodesOfItsStatus() {
        Set<String> server = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> client = Arrays.stream(com.videoplatform.auth.client.ErrorCode.values())
                .map(Enum::name)
                .filter(n -> !n.equals("UNKNOWN"))
                .collect(Collectors.toSet());
        Set<String> documentedCodes = new TreeSet<>(enumOf(schema("ErrorCode")));
        assertEquals(new TreeSet<>(server), documentedCodes);
        assertEquals(new TreeSet<>(client), documentedCodes);
        for (var entry : documented.entrySet()) {
            Operation op = entry.getValue();
            for (var response : responses(op).entrySet()) {
                if (response.getKey().startsWith("2")) {
                    continue;
                }
                Set<String> codes = codes(response.getValue());
                assertFalse(codes.isEmpty(), entry.getKey() + " " + response.getKey() + " names its codes");
                for (String code : codes) {
                    assertEquals(
                            Integer.parseInt(response.getKey()),
                            ErrorCode.valueOf(code).status,
                            entry.getKey() + " " + response.getKey() + " " + code);
                }
                if (codes.contains("TOO_MANY_ATTEMPTS") || codes.contains("SERVICE_UNAVAILABLE")) {
                    assertTrue(
                            response.getValue().getHeaders().containsKey("Retry-After"),
                            entry.getKey() + " " + response.getKey());
                }
            }
            if (op.getRequestBody() != null) {
                assertEquals(Set.of("PAYLOAD_TOO_LARGE"), codes(responses(op).get("413")), entry.getKey());
                assertEquals(
                        Set.of("UNSUPPORTED_MEDIA_TYPE"), codes(responses(op).get("415")), entry.getKey());
            }
            boolean backendFree =
                    entry.getKey().equals("GET /api/ping") || entry.getKey().equals("GET /.well-known/jwks.json");
            assertEquals(!backendFree, responses(op).containsKey("503"), entry.getKey() + " 503");
        }
    }

    @Test
    void schemasHaveThePropertiesAndTypesOfTheServersBodiesAndTheClientsRecords() throws Exception {
        Map<String, List<Class<?>>> bodies = new LinkedHashMap<>();
        bodies.put("Captcha", classes("passport.Captchas$Issued", "client.Captcha"));
        bodies.put("RegisterRequest", classes("passport.Registration$Request", "client.RegisterRequest"));
        bodies.put("Registered", classes("passport.PassportResource$Registered", "client.Registered"));
        bodies.put("LoginRequest", classes("passport.Login$Request", "client.LoginRequest"));
        bodies.put("Token", classes("passport.PassportResource$Token", "client.Token"));
        bodies.put("Me", classes("passport.PassportResource$Me", "client.Me"));
        bodies.put("Session", classes("passport.PassportResource$SessionView", "client.Session"));
        bodies.put("PasswordChange", classes("passport.PassportResource$PasswordChange", "client.PasswordChange"));
        bodies.put("ActiveToken", classes("passport.Introspect$Active", "client.Introspection"));
        bodies.put("InactiveToken", classes("passport.Introspect$Inactive"));
        bodies.put("VideoInput", classes("video.VideoInput", "client.VideoInput"));
        bodies.put("Video", classes("video.Video", "client.Video"));
        bodies.put("VideoPage", classes("platform.http.Page$Of", "client.Page"));
        bodies.put("AccountPage", classes("platform.http.Page$Of", "client.Page"));
        bodies.put("Account", classes("passport.Account", "client.Account"));
        bodies.put("RoleChange", classes("admin.AdminResource$RoleChange", "client.RoleChange"));
        bodies.put("StatusChange", classes("admin.AdminResource$StatusChange", "client.StatusChange"));
        bodies.put("FieldError", classes("platform.http.ApiException$FieldError", "client.Problem$FieldError"));
        bodies.put("Problem", classes("client.Problem"));
        bodies.put("JwkSet", classes("client.JwkSet"));
        bodies.put("Jwk", classes("client.JwkSet$Jwk"));
        for (var entry : bodies.entrySet()) {
            Map<String, Schema<?>> properties = properties(schema(entry.getKey()));
            for (Class<?> type : entry.getValue()) {
                Map<String, Class<?>> java = jsonProperties(type);
                assertEquals(new TreeSet<>(properties.keySet()), new TreeSet<>(java.keySet()), type.getName());
                for (var property : java.entrySet()) {
                    assertEquals(
                            schemaType(properties.get(property.getKey())),
                            jsonType(property.getValue()),
                            type.getName() + "." + property.getKey());
                }
            }
        }
    }

    // ----- the deployed side

    static Map<String, Deployed> deployedOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of(
                Api.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String api = "/"
                + Api.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
        Map<String, Deployed> operations = new TreeMap<>();
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            names = files.map(root::relativize)
                    .map(java.nio.file.Path::toString)
                    .filter(n -> n.endsWith(".class") && n.startsWith("com/videoplatform/auth/"))
                    // the typed client's interfaces carry @Path too, but are not deployed
                    .filter(n -> !n.startsWith("com/videoplatform/auth/client/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
            if (type.isInterface()) {
                continue;
            }
            Path resource = type.getAnnotation(Path.class);
            if (resource != null) {
                for (Method method : type.getDeclaredMethods()) {
                    httpMethod(method).ifPresent(http -> {
                        Path sub = method.getAnnotation(Path.class);
                        String path = join(api, resource.value(), sub == null ? "" : sub.value());
                        Deployed previous = operations.put(http + " " + path, new Deployed(type, method));
                        assertEquals(null, previous, http + " " + path + " twice");
                    });
                }
            }
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            if (servlet != null) {
                for (String pattern : servlet.urlPatterns().length > 0 ? servlet.urlPatterns() : servlet.value()) {
                    for (Method method : type.getDeclaredMethods()) {
                        if (method.getName().matches("do(Get|Post|Put|Delete|Patch)")) {
                            operations.put(
                                    method.getName().substring(2).toUpperCase() + " " + pattern,
                                    new Deployed(type, null));
                        }
                    }
                }
            }
        }
        return operations;
    }

    static java.util.Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    static String join(String... parts) {
        String path = Arrays.stream(parts)
                .map(p -> p.replaceAll("^/+|/+$", ""))
                .filter(p -> !p.isEmpty())
                .collect(Collectors.joining("/", "/", ""));
        return path;
    }

    static Set<String> mediaTypes(Method method, Class<?> type, Class<? extends Annotation> kind) {
        Annotation annotation =
                method.isAnnotationPresent(kind) ? method.getAnnotation(kind) : type.getAnnotation(kind);
        if (annotation == null) {
            return Set.of("*/*");
        }
        String[] values = annotation instanceof Consumes c ? c.value() : ((Produces) annotation).value();
        return Set.of(values);
    }

    static boolean isParamAnnotation(Annotation a) {
        return Set.of(
                        PathParam.class,
                        QueryParam.class,
                        HeaderParam.class,
                        FormParam.class,
                        CookieParam.class,
                        MatrixParam.class,
                        BeanParam.class,
                        Context.class)
                .contains(a.annotationType());
    }

    static String paramName(java.lang.reflect.Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a instanceof PathParam || a instanceof QueryParam) {
                return annotationValue(a);
            }
        }
        return null;
    }

    static String annotationValue(Annotation a) {
        return a instanceof PathParam p ? p.value() : ((QueryParam) a).value();
    }

    // ----- the document side

    static Map<String, Operation> operations(OpenAPI openApi) {
        Map<String, Operation> operations = new TreeMap<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> operations.put(method.name() + " " + path, op)));
        return operations;
    }

    static List<Parameter> parameters(String key, Operation op) {
        PathItem item = doc.getPaths().get(key.substring(key.indexOf(' ') + 1));
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all.stream().map(OpenApiContractTest::resolve).toList();
    }

    static Parameter resolve(Parameter p) {
        return p.get$ref() == null
                ? p
                : doc.getComponents()
                        .getParameters()
                        .get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1));
    }

    static Map<String, ApiResponse> responses(Operation op) {
        Map<String, ApiResponse> responses = new TreeMap<>();
        op.getResponses()
                .forEach((status, r) -> responses.put(
                        status,
                        r.get$ref() == null
                                ? r
                                : doc.getComponents()
                                        .getResponses()
                                        .get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1))));
        return responses;
    }

    /** The codes a problem response may carry: the enum on {@code code} of its schema (or of the schemas it extends). */
    static Set<String> codes(ApiResponse response) {
        assertNotNull(response);
        Schema<?> schema = response.getContent().get(PROBLEM_JSON).getSchema();
        return codes(schema);
    }

    static Set<String> codes(Schema<?> schema) {
        schema = deref(schema);
        Set<String> codes = new TreeSet<>();
        if (schema.getAllOf() != null) {
            for (Schema<?> part : schema.getAllOf()) {
                Set<String> partCodes = codes(part);
                if (!partCodes.isEmpty()) {
                    codes = codes.isEmpty() ? partCodes : intersect(codes, partCodes);
                }
            }
        }
        if (schema.getProperties() != null && schema.getProperties().containsKey("code")) {
            Schema<?> code = deref(schema.getProperties().get("code"));
            if (code.getEnum() != null && code != schema("ErrorCode")) {
                Set<String> own = enumOf(code);
                codes = codes.isEmpty() ? own : intersect(codes, own);
            }
        }
        return codes;
    }

    static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    static Set<String> enumOf(Schema<?> schema) {
        return schema.getEnum().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    static Schema<?> schema(String name) {
        Schema<?> schema = doc.getComponents().getSchemas().get(name);
        assertNotNull(schema, name);
        return schema;
    }

    static Schema<?> deref(Schema<?> schema) {
        return schema.get$ref() == null
                ? schema
                : schema(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
    }

    /** The properties of an object schema, those of the schemas it extends included. */
    static Map<String, Schema<?>> properties(Schema<?> schema) {
        schema = deref(schema);
        Map<String, Schema<?>> properties = new TreeMap<>();
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(part -> properties.putAll(properties(part)));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach(properties::put);
        }
        return properties;
    }

    /** A schema's JSON type, {@code string:date-time} for times. */
    static String schemaType(Schema<?> schema) {
        assertNotNull(schema);
        schema = deref(schema);
        if ("string".equals(schema.getType()) && "date-time".equals(schema.getFormat())) {
            return "string:date-time";
        }
        return schema.getType();
    }

    // ----- the Java side

    static List<Class<?>> classes(String... names) throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(
                    Class.forName("com.videoplatform.auth." + name, false, OpenApiContractTest.class.getClassLoader()));
        }
        return classes;
    }

    /** The JSON properties JSON-B reads or writes for {@code type}, with their Java types. */
    static Map<String, Class<?>> jsonProperties(Class<?> type) {
        Map<String, Class<?>> properties = new TreeMap<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                JsonbProperty name = c.getAccessor().getAnnotation(JsonbProperty.class);
                properties.put(name == null ? c.getName() : name.value(), c.getType());
            }
            return properties;
        }
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isAnnotationPresent(JsonbTransient.class)) {
                properties.put(field.getName(), field.getType());
            }
        }
        for (Method method : type.getMethods()) {
            String name = method.getName();
            if (method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class
                    && name.matches("(get|is)[A-Z].*")) {
                String property = name.replaceFirst("^(get|is)", "");
                properties.put(
                        Character.toLowerCase(property.charAt(0)) + property.substring(1), method.getReturnType());
            }
        }
        return properties;
    }

    /** The JSON type of a Java type as JSON-B writes it. */
    static String jsonType(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Instant.class) {
            return "string:date-time";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
