package io.accounts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file a document names exists: the links of the README, docs/ and bench/README.md, and the repository paths
 * they quote ({@code scripts/backup.sh}, {@code server-config/policy.json}, ...).
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(?:#[^)]*)?\\)");
    /** A quoted path of the repository: starts with one of its top-level directories. */
    private static final Pattern QUOTED = Pattern.compile(
            "`((?:src|scripts|bench|docs|server-config|\\.ci)/[A-Za-z0-9_./-]+)`");

    @Test
    void everyLinkedOrQuotedFileExists() throws IOException {
        List<Path> documents = documents();
        assertFalse(documents.isEmpty());
        List<String> missing = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                String target = links.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:")
                        && !Files.exists(document.toAbsolutePath().getParent().resolve(target))) {
                    missing.add(document + " links " + target);
                }
            }
            Matcher quoted = QUOTED.matcher(text);
            while (quoted.find()) {
                String path = quoted.group(1);
                if (!Files.exists(Path.of(path))) {
                    missing.add(document + " names " + path);
                }
            }
        }
        assertTrue(missing.isEmpty(), "documents name files that do not exist: " + missing);
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("bench/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }
}
