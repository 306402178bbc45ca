package io.accounts.platform.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the servers' scan of the resources gets wrong or cannot know about the bodies and parameters, mended in the
 * OpenAPI document: property names as they are on the wire, Payara's annotation defaults, limits declared only as
 * type-use constraints, and parameters and form bodies as the components {@link RestApplication} declares. Called by
 * the document filter ({@code security.PolicyDocumentFilter}), which adds what the access policy says.
 */
public final class OpenApiShapes {

    /** The values of path, query and header parameters, by name: components that {@code RestApplication} declares. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(Map.entry("id", "ObjectId"),
            Map.entry("user", "ObjectId"), Map.entry("after", "ObjectId"), Map.entry("sid", "SessionId"),
            Map.entry("kid", "KeyId"), Map.entry("clientId", "ClientId"), Map.entry("pid", "PasskeyId"),
            Map.entry("limit", "Limit"), Map.entry("from", "Instant"), Map.entry("to", "Instant"),
            Map.entry("type", "EventTypeName"), Map.entry("Authorization", "HeaderValue"),
            Map.entry("Content-Type", "HeaderValue"));
    /** The form bodies of the OAuth endpoints, which the resources read as text and Nimbus parses. */
    private static final Map<String, String> FORMS = Map.of("/oauth2/token", "TokenForm", "/oauth2/revoke",
            "TokenHintForm", "/oauth2/introspect", "TokenHintForm", "/oauth2/logout", "LogoutForm");
    /** API Gateway's shapes, whose names are its own (camelCase, capitalised), not ours. */
    private static final Set<String> GATEWAY_SHAPES = Set.of("TokenAuthorizerEvent", "AuthorizerResponse",
            "PolicyDocument", "IamStatement");

    private OpenApiShapes() {
    }

    /** One component schema, mended. */
    public static void component(String name, Schema schema) {
        if (!GATEWAY_SHAPES.contains(name)) {
            wireNames(schema);
        }
        cleanDefaults(schema);
        limits(name, schema);
    }

    /** An operation's parameters and form body, as the components that describe their values. */
    public static void inputs(String path, String verb, Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> {
                String shape = PARAMETERS.get(parameter.getName());
                if (shape != null) {
                    parameter.setSchema(OASFactory.createSchema().ref(shape));
                }
            });
        }
        String form = FORMS.get(path);
        if (form != null && "POST".equals(verb) && operation.getRequestBody() != null) {
            operation.getRequestBody().setContent(OASFactory.createContent().addMediaType(
                    "application/x-www-form-urlencoded",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(form))));
        }
    }

    /**
     * Limits the servers cannot read from the code: type-use constraints on list items ({@code List<@Size(max =
     * 2000) String>}) and values checked against a fixed set.
     */
    private static void limits(String name, Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        switch (name) {
            case "NewClient" -> {
                property(properties, "type").ifPresent(type -> type.setMaxLength(12));
                for (String uris : List.of("redirect_uris", "post_logout_redirect_uris")) {
                    property(properties, uris).ifPresent(list -> list.setItems(OASFactory.createSchema().ref("Uri")));
                }
            }
            case "RoleChange" -> property(properties, "roles").ifPresent(roles -> roles.maxItems(10)
                    .setItems(OASFactory.createSchema().ref("Role")));
            case "TokenAuthorizerEvent" -> property(properties, "type").ifPresent(type -> type.setMaxLength(5));
            default -> {
            }
        }
    }

    private static Optional<Schema> property(Map<String, Schema> properties, String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /**
     * Payara writes the annotation defaults of {@code @SchemaProperty} ({@code multipleOf: 0}, {@code maxItems: -1})
     * into the document, which no schema may hold; they mean "not set".
     */
    private static void cleanDefaults(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            if (property.getMultipleOf() != null && property.getMultipleOf().signum() <= 0) {
                property.setMultipleOf(null);
            }
            if (property.getMaxItems() != null && property.getMaxItems() < 0) {
                property.setMaxItems(null);
            }
            if (property.getMinItems() != null && property.getMinItems() < 0) {
                property.setMinItems(null);
            }
            if (property.getMaxLength() != null && property.getMaxLength() < 0) {
                property.setMaxLength(null);
            }
            if (property.getMinLength() != null && property.getMinLength() < 0) {
                property.setMinLength(null);
            }
            if (property.getMaxProperties() != null && property.getMaxProperties() < 0) {
                property.setMaxProperties(null);
            }
            if (property.getMinProperties() != null && property.getMinProperties() < 0) {
                property.setMinProperties(null);
            }
        }
    }

    /**
     * The names on the wire: bodies are read and written in snake_case (the strict reader, JSON-B's naming strategy),
     * while the servers name a record's properties after its Java components. A name that starts with a capital
     * letter was given by {@code @JsonbProperty} (the API Gateway policy's {@code Effect}, ...) and stays.
     */
    private static void wireNames(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> renamed = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> renamed.put(wireName(name), property));
        schema.setProperties(renamed);
        if (schema.getRequired() != null) {
            schema.setRequired(schema.getRequired().stream().map(OpenApiShapes::wireName).toList());
        }
    }

    private static String wireName(String name) {
        return name.isEmpty() || Character.isUpperCase(name.charAt(0)) ? name : Names.snake(name);
    }
}
