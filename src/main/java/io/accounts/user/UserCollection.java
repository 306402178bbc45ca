package io.accounts.user;

import io.accounts.platform.store.EntityCollection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the users live: {@code mongodb.collection}, for JNoSQL's mapping and for the driver's queries alike. */
@ApplicationScoped
public class UserCollection {

    @Inject
    @ConfigProperty(name = "mongodb.collection", defaultValue = User.COLLECTION)
    String name;

    public String name() {
        return name;
    }

    @Produces
    EntityCollection mapping() {
        return new EntityCollection(User.COLLECTION, name);
    }
}
