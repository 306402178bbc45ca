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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each package stands on the ones below it: no import of ours points up or sideways (README, Layout). */
class PackageLayersTest {

    /** Bottom first; a package may import the ones before it. */
    private static final List<String> LAYERS = List.of("policy", "platform", "events", "mail", "keys", "passwords", "throttle",
            "security", "user", "recovery", "totp", "auth", "gateway");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.accounts\\.(\\w+)\\.", Pattern.MULTILINE);

    @Test
    void importsOnlyPointDown() throws IOException {
        Path root = Path.of("src/main/java/io/accounts");
        List<String> upward = new ArrayList<>();
        List<String> packages;
        try (Stream<Path> dirs = Files.list(root)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(LAYERS.stream().sorted().toList(), packages, "every package has its place in LAYERS");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = root.relativize(file).getName(0).toString();
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!to.equals(from) && LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
                        upward.add(root.relativize(file) + " imports " + to);
                    }
                }
            }
        }
        assertTrue(upward.isEmpty(), "imports that point up: " + upward);
    }
}
