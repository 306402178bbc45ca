package io.accounts.platform.store;

import org.eclipse.jnosql.communication.semistructured.CommunicationEntity;
import org.eclipse.jnosql.communication.semistructured.CriteriaCondition;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.communication.semistructured.DeleteQuery;
import org.eclipse.jnosql.communication.semistructured.SelectQuery;
import jakarta.data.Sort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lets configuration choose the collection an entity lives in: JNoSQL takes the name from {@code @Entity},
 * which is fixed at compile time, so this decorator maps the entity's name to the configured one.
 */
final class RenamingDatabaseManager implements DatabaseManager {

    private final DatabaseManager delegate;
    private final Map<String, String> names;

    RenamingDatabaseManager(DatabaseManager delegate, Map<String, String> names) {
        this.delegate = delegate;
        this.names = Map.copyOf(names);
    }

    private String physical(String name) {
        return names.getOrDefault(name, name);
    }

    private CommunicationEntity renamed(CommunicationEntity entity) {
        String name = physical(entity.name());
        return name.equals(entity.name()) ? entity : CommunicationEntity.of(name, entity.elements());
    }

    private Iterable<CommunicationEntity> renamed(Iterable<CommunicationEntity> entities) {
        return StreamSupport.stream(entities.spliterator(), false).map(this::renamed).toList();
    }

    private SelectQuery renamed(SelectQuery query) {
        String name = physical(query.name());
        return name.equals(query.name()) ? query : new RenamedSelect(query, name);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CommunicationEntity insert(CommunicationEntity entity) {
        CommunicationEntity stored = renamed(entity);
        delegate.insert(stored);
        stored.find("_id").ifPresent(id -> {
            entity.remove("_id");
            entity.add(id);
        });
        return entity;
    }

    @Override
    public CommunicationEntity insert(CommunicationEntity entity, Duration ttl) {
        return delegate.insert(renamed(entity), ttl);
    }

    @Override
    public Iterable<CommunicationEntity> insert(Iterable<CommunicationEntity> entities) {
        return StreamSupport.stream(entities.spliterator(), false).map(this::insert).toList();
    }

    @Override
    public Iterable<CommunicationEntity> insert(Iterable<CommunicationEntity> entities, Duration ttl) {
        return delegate.insert(renamed(entities), ttl);
    }

    @Override
    public CommunicationEntity update(CommunicationEntity entity) {
        delegate.update(renamed(entity));
        return entity;
    }

    @Override
    public Iterable<CommunicationEntity> update(Iterable<CommunicationEntity> entities) {
        delegate.update(renamed(entities));
        return entities;
    }

    @Override
    public void delete(DeleteQuery query) {
        String name = physical(query.name());
        delegate.delete(name.equals(query.name()) ? query : new RenamedDelete(query, name));
    }

    @Override
    public Stream<CommunicationEntity> select(SelectQuery query) {
        return delegate.select(renamed(query));
    }

    @Override
    public long count(SelectQuery query) {
        return delegate.count(renamed(query));
    }

    @Override
    public long count(String entity) {
        return delegate.count(physical(entity));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record RenamedSelect(SelectQuery query, String name) implements SelectQuery {
        public long limit() { return query.limit(); }
        public long skip() { return query.skip(); }
        public Optional<CriteriaCondition> condition() { return query.condition(); }
        public List<String> columns() { return query.columns(); }
        public List<Sort<?>> sorts() { return query.sorts(); }
    }

    private record RenamedDelete(DeleteQuery query, String name) implements DeleteQuery {
        public Optional<CriteriaCondition> condition() { return query.condition(); }
        public List<String> columns() { return query.columns(); }
    }
}
