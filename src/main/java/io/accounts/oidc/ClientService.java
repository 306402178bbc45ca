package io.accounts.oidc;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.platform.Digests;
import io.accounts.platform.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of client registration (RFC 9700, section 2.1): redirect URIs absolute, without a fragment or user
 * information, matched later character for character; {@code https}, or {@code http} only on a loopback host. A
 * confidential client's secret is 256 random bits, shown once, kept as its SHA-256 (a random secret needs no slow
 * hash).
 */
@ApplicationScoped
public class ClientService {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    @Inject
    ClientStore store;

    @Inject
    SecurityEvents events;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    /** Registers a client: its view with the secret (confidential clients), the only time the secret is told. */
    public ClientView register(NewClient request) {
        List<String> redirects = checked("redirect_uris", request.redirectUris());
        List<String> logouts = checked("post_logout_redirect_uris", request.postLogoutRedirectUris());
        boolean confidential = OAuthClient.CONFIDENTIAL.equals(request.type());
        if (Boolean.FALSE.equals(request.requirePkce()) && !confidential) {
            throw ApiException.invalidField("require_pkce", "a public client proves itself with PKCE alone: only a"
                    + " confidential client may do without it");
        }
        String secret = confidential ? RandomTokens.secret(random) : null;
        OAuthClient client = new OAuthClient(RandomTokens.of(random, 16), request.clientName().strip(), request.type(),
                secret == null ? null : Digests.sha256Hex(secret), redirects, logouts.isEmpty() ? null : logouts,
                clock.instant(), Boolean.FALSE.equals(request.requirePkce()) ? Boolean.FALSE : null);
        store.insert(client);
        events.record(EventType.CLIENT_CREATED, null, Map.of("client_id", client.clientId(), "type", client.type()));
        return ClientView.of(client, secret);
    }

    /** Every client, oldest first, without secrets. */
    public List<ClientView> list() {
        return store.all().stream().map(c -> ClientView.of(c, null)).toList();
    }

    /** Removes a client; 404 when there is none with this id. */
    public void delete(String clientId) {
        if (clientId == null || clientId.length() > 64 || !store.delete(clientId)) {
            throw ApiException.notFound("No client has this id.");
        }
        events.record(EventType.CLIENT_DELETED, null, Map.of("client_id", clientId));
    }

    /** The URIs as given, each checked, without repeats; 400 naming the field and the URI otherwise. */
    static List<String> checked(String field, List<String> uris) {
        Set<String> kept = new LinkedHashSet<>();
        for (String text : uris) {
            String problem = problemOf(text.strip());
            if (problem != null) {
                throw ApiException.invalidField(field, text + ": " + problem);
            }
            kept.add(text.strip());
        }
        return List.copyOf(kept);
    }

    private static String problemOf(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "not a URI";
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URI with a host";
        }
        if (uri.getRawFragment() != null || text.contains("#")) {
            return "must not have a fragment";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user information";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "must be https (http only on a loopback host: localhost, 127.0.0.1, [::1])";
    }
}
