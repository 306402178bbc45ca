package io.accounts.platform.store;

import jakarta.data.repository.DataRepository;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells JNoSQL our entities and repositories instead of letting it scan the whole class path with ClassGraph,
 * which was the largest part of the start-up time. Registered in {@code META-INF/services}; WEB-INF/classes
 * comes before the libraries, so the service loader finds this one first. The features own the entities, and the
 * store cannot name a feature's class, so they are listed in {@value #LIST} ("entity" or "repository", then the
 * class); {@code JNoSqlClassesTest} checks that the list holds every {@code @Entity} and {@code @Repository}.
 */
public class JNoSqlClasses implements ClassScanner {

    static final String LIST = "META-INF/jnosql-classes.txt";

    private final Set<Class<?>> entities;
    private final Set<Class<?>> repositories;

    public JNoSqlClasses() {
        Set<Class<?>> entities = new HashSet<>();
        Set<Class<?>> repositories = new HashSet<>();
        ClassLoader loader = JNoSqlClasses.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the application");
            }
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length != 2 || line.startsWith("#")) {
                    continue;
                }
                Class<?> type = Class.forName(parts[1], false, loader);
                (parts[0].equals("repository") ? repositories : entities).add(type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(LIST + " names a class that does not exist: " + e.getMessage(), e);
        }
        this.entities = Set.copyOf(entities);
        this.repositories = Set.copyOf(repositories);
    }

    @Override
    public Set<Class<?>> entities() {
        return entities;
    }

    @Override
    public Set<Class<?>> repositories() {
        return repositories;
    }

    @Override
    public Set<Class<?>> embeddables() {
        return Set.of();
    }

    @Override
    public <T extends DataRepository<?, ?>> Set<Class<?>> repositories(Class<T> filter) {
        return repositories.stream().filter(filter::isAssignableFrom).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> repositoriesStandard() {
        return repositories;
    }

    @Override
    public Set<Class<?>> customRepositories() {
        return Set.of();
    }
}
