package io.accounts.user;

import jakarta.data.repository.DataRepository;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells JNoSQL our entities and repositories instead of letting it scan the whole class path with ClassGraph,
 * which was the largest part of the start-up time. Registered in {@code META-INF/services}; WEB-INF/classes
 * comes before the libraries, so the service loader finds this one first. {@link User} is the only JNoSQL entity;
 * the other collections are written with the driver, so a new entity or repository must be added here.
 */
public class JNoSqlClasses implements ClassScanner {

    private static final Set<Class<?>> ENTITIES = Set.of(User.class);
    private static final Set<Class<?>> REPOSITORIES = Set.of(UserRepository.class);

    @Override
    public Set<Class<?>> entities() {
        return ENTITIES;
    }

    @Override
    public Set<Class<?>> repositories() {
        return REPOSITORIES;
    }

    @Override
    public Set<Class<?>> embeddables() {
        return Set.of();
    }

    @Override
    public <T extends DataRepository<?, ?>> Set<Class<?>> repositories(Class<T> filter) {
        return REPOSITORIES.stream().filter(filter::isAssignableFrom).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> repositoriesStandard() {
        return REPOSITORIES;
    }

    @Override
    public Set<Class<?>> customRepositories() {
        return Set.of();
    }
}
