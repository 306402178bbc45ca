package io.accounts.platform.store;

/**
 * Where configuration puts a JNoSQL entity: its {@code @Entity} name, fixed at compile time, and the collection it
 * lives in. A feature produces one for each entity whose collection is configurable.
 */
public record EntityCollection(String entity, String collection) {
}
