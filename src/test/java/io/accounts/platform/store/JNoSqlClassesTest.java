package io.accounts.platform.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JNoSQL maps exactly the classes the sources declare as entities and repositories. */
class JNoSqlClassesTest {

    private static final Path ROOT = Path.of("src/main/java");

    @Test
    void theListNamesEveryEntityAndRepositoryOfTheSources() throws IOException {
        JNoSqlClasses classes = new JNoSqlClasses();
        assertEquals(declared("@Entity"), names(classes.entities()));
        assertEquals(declared("@Repository"), names(classes.repositories()));
    }

    private static Set<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> declared(String annotation) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith(annotation));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> ROOT.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
