package io.accounts.oidc;

import com.mongodb.client.model.Filters;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.ID;

/** The {@code oauth_clients} collection ({@link OAuthClient}): few documents, written by admins. */
@ApplicationScoped
public class ClientStore {

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    void insert(OAuthClient client) {
        template.insert(client);
    }

    Optional<OAuthClient> find(String clientId) {
        return template.find(OAuthClient.class, clientId);
    }

    /** Every client, oldest first. */
    List<OAuthClient> all() {
        return template.select(OAuthClient.class).<OAuthClient>result().stream()
                .sorted(Comparator.comparing(OAuthClient::createdAt)).toList();
    }

    /** Removes the client; false when there was none with this id. */
    boolean delete(String clientId) {
        return driver.deleteAndGet(OAuthClient.class, Filters.eq(ID, clientId)).isPresent();
    }
}
