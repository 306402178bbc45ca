package io.accounts.gateway;

import io.accounts.platform.ApiException;
import io.accounts.security.Authorizer;
import io.accounts.security.JwtPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Forward-auth (nginx {@code auth_request}, Traefik {@code forwardAuth}, Envoy): the {@link Authorizer}'s decision
 * on the original request a proxy describes. Which pair of headers describes it is configuration
 * ({@code gateway.forward-headers}), never a fallback, because a proxy passes the client's own headers through:
 * {@code original} reads {@code X-Original-Method}/{@code X-Original-URI} (nginx), {@code forwarded} reads
 * {@code X-Forwarded-Method}/{@code X-Forwarded-Uri} (Traefik). The other pair, when present and different,
 * or a repeated header, makes the request ambiguous: 400.
 */
@ApplicationScoped
public class ForwardAuth {

    static final List<String> ORIGINAL = List.of("X-Original-Method", "X-Original-URI");
    static final List<String> FORWARDED = List.of("X-Forwarded-Method", "X-Forwarded-Uri");

    @Inject
    @ConfigProperty(name = "gateway.forward-headers", defaultValue = "original")
    String mode;

    @Inject
    Authorizer authorizer;

    private List<String> chosen;
    private List<String> other;

    @PostConstruct
    void init() {
        switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "original" -> {
                chosen = ORIGINAL;
                other = FORWARDED;
            }
            case "forwarded" -> {
                chosen = FORWARDED;
                other = ORIGINAL;
            }
            default -> throw new IllegalArgumentException("gateway.forward-headers (GATEWAY_FORWARD_HEADERS) must be"
                    + " original or forwarded, was " + mode);
        }
    }

    /** The caller when the original request is allowed (null for a public one); 400, 401 or 403 otherwise. */
    public JwtPrincipal decide(HttpHeaders headers) {
        String method = single(headers, chosen.get(0));
        String uri = single(headers, chosen.get(1));
        if (method == null || method.isBlank() || uri == null || uri.isBlank()) {
            throw ApiException.badRequest(chosen.get(0) + " and " + chosen.get(1) + " are required"
                    + " (gateway.forward-headers is " + mode + ").");
        }
        String otherMethod = single(headers, other.get(0));
        String otherUri = single(headers, other.get(1));
        if ((otherMethod != null && !otherMethod.equals(method)) || (otherUri != null && !otherUri.equals(uri))) {
            throw ApiException.badRequest(other.get(0) + "/" + other.get(1) + " describe another request than "
                    + chosen.get(0) + "/" + chosen.get(1) + ".");
        }
        return authorizer.decideOriginal(method, path(uri), headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orThrow();
    }

    private static String single(HttpHeaders headers, String name) {
        List<String> values = headers.getRequestHeader(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " must be sent once.");
        }
        return Objects.requireNonNull(values.get(0)).strip();
    }

    /**
     * The path of an origin-form request target: without its query. A fragment is never part of a request target,
     * so one left in is refused by the firewall with everything else that is not an absolute path.
     */
    static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
