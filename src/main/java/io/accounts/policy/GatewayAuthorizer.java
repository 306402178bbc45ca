package io.accounts.policy;

import io.accounts.auth.TokenVerifier;
import io.accounts.platform.ApiException;
import io.accounts.security.BearerToken;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorizer's decision served to gateways: the same policy and token verification as the API's own
 * filter, answered as an API Gateway TOKEN-authorizer policy or as a forward-auth verdict.
 */
@ApplicationScoped
public class GatewayAuthorizer {

    static final String INVOKE = "execute-api:Invoke";

    @Inject
    PolicyAccessPolicy access;

    @Inject
    TokenVerifier verifier;

    /** The Lambda authorizer's answer: the caller's grants, or a Deny of this method for a bad token. */
    public AuthorizerResponse lambda(TokenAuthorizerEvent event) {
        MethodArn arn = MethodArn.parse(event.methodArn());
        JwtPrincipal caller = callerOrNull(event.authorizationToken());
        Policy policy = access.policy();
        boolean allowed = policy.allows(arn.verb(), arn.path(), caller);
        GatewayGrants.Grants grants = caller == null ? GatewayGrants.none() : GatewayGrants.of(policy, caller, arn);
        (allowed ? grants.allowed() : grants.denied()).add(event.methodArn());
        List<AuthorizerResponse.IamStatement> statements = new ArrayList<>();
        if (!grants.allowed().isEmpty()) {
            statements.add(new AuthorizerResponse.IamStatement(INVOKE, "Allow", GatewayGrants.list(grants.allowed())));
        }
        if (!grants.denied().isEmpty()) {
            statements.add(new AuthorizerResponse.IamStatement(INVOKE, "Deny", GatewayGrants.list(grants.denied())));
        }
        return new AuthorizerResponse(caller == null ? "anonymous" : caller.subject(),
                new AuthorizerResponse.PolicyDocument("2012-10-17", statements), context(caller));
    }

    private JwtPrincipal callerOrNull(String authorization) {
        String token = BearerToken.from(authorization);
        if (token == null) {
            return null;
        }
        try {
            return verifier.verify(token);
        } catch (ApiException e) {
            return null;
        }
    }

    /** The forward-auth verdict: the caller when allowed, or the 401/403 the API itself would answer. */
    public JwtPrincipal forward(String method, String uri, String authorization) {
        if (method == null || method.isBlank() || uri == null || uri.isBlank()) {
            throw ApiException.badRequest("X-Original-Method and X-Original-URI (or X-Forwarded-Method and"
                    + " X-Forwarded-Uri) are required.");
        }
        String path = normalize(uri);
        Policy policy = access.policy();
        if (policy.allows(method, path, null)) {
            return null;
        }
        String token = BearerToken.from(authorization);
        if (token == null) {
            throw ApiException.unauthenticated("An access token is required.");
        }
        JwtPrincipal caller = verifier.verify(token);
        if (!policy.allows(method, path, caller)) {
            throw ApiException.forbidden("This token does not allow this request.");
        }
        return caller;
    }

    /** The path of the original URI, without query, percent-decoded and with dot segments resolved. */
    static String normalize(String uri) {
        try {
            String path = new URI(uri).normalize().getPath();
            if (path == null || !path.startsWith("/") || path.startsWith("/..")) {
                throw ApiException.badRequest("The original URI must be an absolute path.");
            }
            return path;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("The original URI is malformed.");
        }
    }

    /** The claims as API Gateway context values: strings, numbers and booleans; lists joined by commas. */
    private static Map<String, Object> context(JwtPrincipal caller) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (caller == null) {
            return context;
        }
        caller.claims().getClaims().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                context.put(name, value);
            } else if (value instanceof java.util.Date date) {
                context.put(name, date.getTime() / 1000);
            } else if (value instanceof Collection<?> many) {
                context.put(name, String.join(",", many.stream().map(String::valueOf).toList()));
            }
        });
        return context;
    }
}
