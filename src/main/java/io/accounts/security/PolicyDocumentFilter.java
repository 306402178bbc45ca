package io.accounts.security;

import io.accounts.platform.web.OpenApiShapes;
import io.accounts.policy.Policy;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document says what the service enforces, so that it cannot drift from it: each operation's
 * {@code security} is the access policy's decision for an anonymous caller ({@code [{}]}, no authentication, where
 * the policy lets anyone in, the bearer scheme elsewhere), and each operation lists the errors it answers, as
 * problem+json (RFC 6749's JSON at the OAuth endpoints) with their {@code WWW-Authenticate} and {@code Retry-After}
 * headers. Named in {@code mp.openapi.filter}; the servers build it once, with the application's class loader. The
 * bodies and parameters take their shapes from {@link OpenApiShapes}. Uses only what MicroProfile OpenAPI 3.1
 * (Liberty) and 4.0 (Payara 7) share: schemas by reference to the components that {@code RestApplication} declares.
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
        Policy policy = AccessPolicy.load(AccessPolicy.source(config.getOptionalValue("policy.file", String.class)),
                List.of());
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
            document.getComponents().getSchemas().forEach(OpenApiShapes::component);
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
        OpenApiShapes.inputs(path, verb, operation);
        String id = operation.getOperationId() == null ? "" : operation.getOperationId();
        boolean open = policy.allows(verb, path, null);
        operation.setDescription(description(operation, id, open));
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
        } else if (!open || REFUSE_CREDENTIALS.contains(id)) {
            add(responses, "401", problem("The credentials or the token are missing, wrong, expired or revoked.")
                    .addHeader("WWW-Authenticate", header("Bearer, with error and error_description (RFC 6750)")));
            if (!open) {
                add(responses, "403", problem("The access policy does not let this caller do this."));
            }
        }
        if (path.contains("{")) {
            add(responses, "404", problem("There is nothing with this id."));
        }
        if (CONFLICTS.contains(id)) {
            add(responses, "409", problem("The request conflicts with the state of the account or the service (an"
                    + " address taken, the last admin, the active key, a factor already on): detail says which."));
        }
        if (THROTTLED.contains(id)) {
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

    /** What the summary says, then who may call the operation and what limits it, as the service enforces it. */
    static String description(Operation operation, String id, boolean open) {
        StringBuilder text = new StringBuilder(operation.getSummary() == null ? "" : operation.getSummary() + ". ");
        text.append(open ? "Anyone may call it: the access policy (server-config/policy.json) needs no token here."
                : "Needs a bearer access token; the access policy (server-config/policy.json) decides which callers"
                + " may, and answers 403 to the others.");
        if (THROTTLED.contains(id)) {
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
