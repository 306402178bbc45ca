package io.accounts.security;

import io.accounts.platform.web.Names;
import io.accounts.policy.Policy;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI document says what the service enforces, so that it cannot drift from it: each operation's
 * {@code security} is the access policy's decision for an anonymous caller ({@code [{}]}, no authentication, where
 * the policy lets anyone in, the bearer scheme elsewhere), and each operation lists the errors it answers, as problem+json (RFC 6749's JSON at
 * the OAuth endpoints) with their {@code WWW-Authenticate} and {@code Retry-After} headers. Named in
 * {@code mp.openapi.filter}; the servers build it once, with the application's class loader. Uses only what
 * MicroProfile OpenAPI 3.1 (Liberty) and 4.0 (Payara 7) share: schemas by reference to the components that
 * {@code RestApplication} declares.
 */
public class PolicyDocumentFilter implements OASFilter {

    static final String SCHEME = "bearer";
    static final String CORS = "Access-Control-Allow-Origin";
    /** Operations behind a throttle: past it they answer 429 with {@code Retry-After}. */
    static final Set<String> THROTTLED = Set.of("login", "registerUser", "updateUser", "changePassword", "removeTotp",
            "resendVerificationEmail", "requestPasswordReset", "passkeySignInOptions", "signInWithPasskey");
    /** Operations that answer 409 when the state they would change forbids it. */
    static final Set<String> CONFLICTS = Set.of("registerUser", "updateUser", "changeRoles", "deleteUser",
            "revertEmailChange", "downloadBackup", "registerPasskey", "rotateKey", "retireKey",
            "resendVerificationEmail", "enrolTotp", "confirmTotp");
    /** Public operations that check credentials of their own, and answer 401 when they are wrong. */
    static final Set<String> REFUSE_CREDENTIALS = Set.of("login", "refreshToken", "signInWithPasskey",
            "authorizeForwardedRequest");
    /** The OAuth endpoints, whose errors are RFC 6749 JSON, not problem+json. */
    static final Set<String> OAUTH = Set.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect");

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        Policy policy = AccessPolicy.load(config.getOptionalValue("policy.file", String.class)
                .filter(file -> !file.isBlank()).orElse("classpath:" + AccessPolicy.BUNDLED), List.of());
        // the one public address (jwt.issuer), never the address a request happened to use; public, not internal
        String issuer = config.getOptionalValue("jwt.issuer", String.class).orElse("http://localhost:9080")
                .replaceAll("/+$", "");
        document.setServers(List.of(OASFactory.createServer().url(issuer).description("The service at its public"
                + " address (jwt.issuer): production, or local development on http://localhost")
                .addExtension("x-internal", false)));
        if (document.getTags() != null) {
            // Payara lists a tag again for each class that names it; one each
            Map<String, Tag> once = new LinkedHashMap<>();
            document.getTags().forEach(tag -> once.putIfAbsent(tag.getName(), tag));
            document.setTags(new ArrayList<>(once.values()));
        }
        if (document.getComponents() != null && document.getComponents().getSchemas() != null) {
            document.getComponents().getSchemas().forEach((name, schema) -> {
                if (!GATEWAY_SHAPES.contains(name)) {
                    wireNames(schema);
                }
                cleanDefaults(schema);
                limits(name, schema);
            });
        }
        for (Map.Entry<String, PathItem> path : document.getPaths().getPathItems().entrySet()) {
            if (path.getValue().getOperations() == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), operation.getKey().name(), operation.getValue(), policy);
            }
        }
    }

    static void describe(String path, String verb, Operation operation, Policy policy) {
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
        boolean open = policy.allows(verb, path, null);
        operation.setDescription(description(operation, open));
        // public: one empty requirement, "no authentication" (an empty list is left out of the document by both
        // servers, which would read as "not said")
        operation.setSecurity(List.of(open ? OASFactory.createSecurityRequirement()
                : OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean oauth = OAUTH.contains(path);
        add(responses, "400", oauth ? oauthError("The request is malformed or the grant is invalid (RFC 6749 5.2).")
                : problem("The request is invalid: each field's problem is named in errors."));
        if (oauth) {
            add(responses, "401", oauthError("The client failed to authenticate (invalid_client).")
                    .addHeader("WWW-Authenticate", header("Basic realm=\"oauth2\"")));
        } else if (!open || REFUSE_CREDENTIALS.contains(operation.getOperationId())) {
            add(responses, "401", problem("The credentials or the token are missing, wrong, expired or revoked.")
                    .addHeader("WWW-Authenticate", header("Bearer, with error and error_description (RFC 6750)")));
            if (!open) {
                add(responses, "403", problem("The access policy does not let this caller do this."));
            }
        }
        if (path.contains("{")) {
            add(responses, "404", problem("There is nothing with this id."));
        }
        if (operation.getOperationId() != null && CONFLICTS.contains(operation.getOperationId())) {
            add(responses, "409", problem("The request conflicts with the state of the account or the service (an"
                    + " address taken, the last admin, the active key, a factor already on): detail says which."));
        }
        if (operation.getOperationId() != null && THROTTLED.contains(operation.getOperationId())) {
            add(responses, "429", problem("Too many attempts: try again after Retry-After seconds.")
                    .addHeader("Retry-After", header("Seconds until a new attempt is allowed")));
        }
        add(responses, "500", problem("An unexpected error; the log holds its reference."));
        add(responses, "503", problem("The database or the password hasher is busy or unreachable.")
                .addHeader("Retry-After", header("Seconds after which to try again")));
        for (APIResponse response : responses.getAPIResponses().values()) {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(CORS)) {
                response.addHeader(CORS, header("The request's Origin, only when it is one of cors.allowed-origins"));
            }
        }
    }

    /** The values of path, query and header parameters, by name: components that {@code RestApplication} declares. */
    static final Map<String, String> PARAMETERS = Map.ofEntries(Map.entry("id", "ObjectId"),
            Map.entry("user", "ObjectId"), Map.entry("after", "ObjectId"), Map.entry("sid", "SessionId"),
            Map.entry("kid", "KeyId"), Map.entry("clientId", "ClientId"), Map.entry("pid", "PasskeyId"),
            Map.entry("limit", "Limit"), Map.entry("from", "Instant"), Map.entry("to", "Instant"),
            Map.entry("type", "EventTypeName"), Map.entry("Authorization", "HeaderValue"),
            Map.entry("Content-Type", "HeaderValue"));
    /** The form bodies of the OAuth endpoints, which the resources read as text and Nimbus parses. */
    static final Map<String, String> FORMS = Map.of("/oauth2/token", "TokenForm", "/oauth2/revoke", "TokenHintForm",
            "/oauth2/introspect", "TokenHintForm", "/oauth2/logout", "LogoutForm");
    /** API Gateway's shapes, whose names are its own (camelCase, capitalised), not ours. */
    static final Set<String> GATEWAY_SHAPES = Set.of("TokenAuthorizerEvent", "AuthorizerResponse", "PolicyDocument",
            "IamStatement");

    /**
     * Limits the servers cannot read from the code: type-use constraints on list items ({@code List<@Size(max =
     * 2000) String>}) and values checked against a fixed set.
     */
    static void limits(String name, Schema schema) {
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
    static void cleanDefaults(Schema schema) {
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
    static void wireNames(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> renamed = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> renamed.put(wireName(name), property));
        schema.setProperties(renamed);
        if (schema.getRequired() != null) {
            schema.setRequired(schema.getRequired().stream().map(PolicyDocumentFilter::wireName).toList());
        }
    }

    static String wireName(String name) {
        return name.isEmpty() || Character.isUpperCase(name.charAt(0)) ? name : Names.snake(name);
    }

    /** What the summary says, then who may call the operation and what limits it, as the service enforces it. */
    static String description(Operation operation, boolean open) {
        StringBuilder text = new StringBuilder(operation.getSummary() == null ? "" : operation.getSummary() + ". ");
        text.append(open ? "Anyone may call it: the access policy (server-config/policy.json) needs no token here."
                : "Needs a bearer access token; the access policy (server-config/policy.json) decides which callers"
                + " may, and answers 403 to the others.");
        if (operation.getOperationId() != null && THROTTLED.contains(operation.getOperationId())) {
            text.append(" Throttled: past its limit it answers 429 with Retry-After.");
        }
        return text.toString();
    }

    private static void add(APIResponses responses, String status, APIResponse response) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, response);
        }
    }

    private static APIResponse problem(String description) {
        return response(description, "application/problem+json", "Problem");
    }

    private static APIResponse oauthError(String description) {
        return response(description, "application/json", "OAuthError");
    }

    private static APIResponse response(String description, String mediaType, String schema) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(mediaType, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema))));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().ref("HeaderValue"));
    }
}
