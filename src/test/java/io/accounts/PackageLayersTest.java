package io.accounts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each package stands on the ones below it: no import of ours points up or sideways (README, Layout). The platform
 * has a vocabulary free of technology and two sides that never meet: the web side (JAX-RS, servlet, JSON) and the
 * store side (the MongoDB driver, H2, mongo-java-server, Jakarta NoSQL).
 */
class PackageLayersTest {

    /** Bottom first; a package may import the ones of lower ranks, never one of its own rank or above. */
    private static final List<Set<String>> LAYERS = List.of(Set.of("policy"), Set.of("platform"),
            Set.of("platform.store", "platform.web"), Set.of("events"), Set.of("mail"), Set.of("keys"),
            Set.of("passwords"), Set.of("throttle"), Set.of("security"), Set.of("user"), Set.of("recovery"),
            Set.of("totp"), Set.of("auth"), Set.of("passkey"), Set.of("oidc"), Set.of("gateway"));
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?io\\.accounts\\.([a-z0-9_]+(?:\\.[a-z0-9_]+)*)\\.(?:[A-Z]|\\*)", Pattern.MULTILINE);
    private static final Pattern ANY_IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> WEB = List.of("jakarta.ws.rs.", "jakarta.servlet.", "jakarta.json.");
    private static final List<String> STORE = List.of("com.mongodb.", "org.bson.", "org.h2.", "de.bwaldvogel.",
            "org.eclipse.jnosql.", "jakarta.nosql.", "jakarta.data.");
    /** What each platform package may not import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "platform", Stream.concat(WEB.stream(), STORE.stream()).toList(),
            "platform.web", STORE,
            "platform.store", WEB);
    private static final Path ROOT = Path.of("src/main/java/io/accounts");
    /**
     * What a feature may use of the store's technologies: Jakarta NoSQL (entities, the template, repositories) and,
     * in its {@code *Store} only, the driver's filter and update builders that it hands to
     * {@code platform.store.DriverCalls}; never a client, a collection or a document.
     */
    private static final List<String> FEATURE_STORE_API = List.of("jakarta.nosql.", "jakarta.data.",
            "org.eclipse.jnosql.mapping.document.DocumentTemplate",
            "org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter", "org.bson.types.ObjectId");
    private static final List<String> STORE_BUILDERS = List.of("com.mongodb.client.model.Filters",
            "com.mongodb.client.model.Updates", "com.mongodb.client.model.PushOptions", "org.bson.conversions.Bson",
            "org.bson.types.Binary");

    @Test
    void importsOnlyPointDown() throws IOException {
        List<String> packages = packages();
        assertEquals(LAYERS.stream().flatMap(Set::stream).sorted().toList(), packages,
                "every package has its place in LAYERS");
        List<String> upward = new ArrayList<>();
        for (Path file : sources()) {
            String from = packageOf(file);
            Matcher imports = IMPORT.matcher(Files.readString(file));
            while (imports.find()) {
                String to = imports.group(1);
                if (!to.equals(from) && rank(to) >= rank(from)) {
                    upward.add(ROOT.relativize(file) + " imports " + to);
                }
            }
        }
        assertTrue(upward.isEmpty(), "imports that point up or sideways: " + upward);
    }

    @Test
    void theVocabularyKnowsNoTechnologyAndTheWebAndStoreSidesKnowOnlyTheirOwn() throws IOException {
        List<String> crossing = new ArrayList<>();
        for (Path file : sources()) {
            List<String> forbidden = FORBIDDEN.getOrDefault(packageOf(file), List.of());
            Matcher imports = ANY_IMPORT.matcher(Files.readString(file));
            while (imports.find()) {
                String imported = imports.group(1);
                if (forbidden.stream().anyMatch(imported::startsWith)) {
                    crossing.add(ROOT.relativize(file) + " imports " + imported);
                }
            }
        }
        assertTrue(crossing.isEmpty(), "imports across the platform's sides: " + crossing);
    }

    @Test
    void featuresStoreThroughJakartaNoSqlAndHandOnlyFiltersAndUpdatesToTheDriverCalls() throws IOException {
        List<String> crossing = new ArrayList<>();
        for (Path file : sources()) {
            if (packageOf(file).startsWith("platform")) {
                continue;
            }
            boolean store = file.getFileName().toString().endsWith("Store.java");
            Matcher imports = ANY_IMPORT.matcher(Files.readString(file));
            while (imports.find()) {
                String imported = imports.group(1);
                boolean allowed = FEATURE_STORE_API.stream().anyMatch(imported::startsWith)
                        || store && STORE_BUILDERS.stream().anyMatch(imported::startsWith);
                if (!allowed && STORE.stream().anyMatch(imported::startsWith)) {
                    crossing.add(ROOT.relativize(file) + " imports " + imported);
                }
            }
        }
        assertTrue(crossing.isEmpty(), "store technology outside platform.store and the stores' builders: " + crossing);
    }

    private static int rank(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError(pkg + " has no place in LAYERS");
    }

    private static String packageOf(Path file) {
        return ROOT.relativize(file.getParent()).toString().replace('/', '.');
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(PackageLayersTest::packageOf).distinct()
                    .sorted().toList();
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
