package io.accounts.gateway;

import io.accounts.security.AccessPolicy;
import io.accounts.security.Authorizer;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API Gateway TOKEN authorizer: the {@link Authorizer}'s decision on the event's method ARN (its path through
 * the same firewall, 400 when ambiguous), answered as the tutorial's Lambda did, with the IAM statements the
 * policy grants this caller so that API Gateway can cache them.
 */
@ApplicationScoped
public class TokenAuthorizer {

    static final String INVOKE = "execute-api:Invoke";

    @Inject
    Authorizer authorizer;

    @Inject
    AccessPolicy access;

    /** The caller's grants, and this method allowed or denied (a bad token: a Deny of it). */
    public AuthorizerResponse decide(TokenAuthorizerEvent event) {
        MethodArn arn = MethodArn.parse(event.methodArn());
        Authorizer.Verdict verdict = authorizer.decideOriginal(arn.verb(), arn.path(), event.authorizationToken());
        JwtPrincipal caller = verdict.caller() != null ? verdict.caller()
                : authorizer.callerOrNull(event.authorizationToken());
        GatewayGrants.Grants grants = caller == null ? GatewayGrants.none()
                : GatewayGrants.of(access.policy(), caller, arn);
        (verdict.allowed() ? grants.allowed() : grants.denied()).add(event.methodArn());
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

    /** The claims as API Gateway context values: strings, numbers and booleans; lists joined by commas. */
    private static Map<String, Object> context(JwtPrincipal caller) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (caller == null) {
            return context;
        }
        caller.claims().getClaims().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                context.put(name, value);
            } else if (value instanceof Date date) {
                context.put(name, date.getTime() / 1000);
            } else if (value instanceof Collection<?> many) {
                context.put(name, String.join(",", many.stream().map(String::valueOf).toList()));
            }
        });
        return context;
    }
}
