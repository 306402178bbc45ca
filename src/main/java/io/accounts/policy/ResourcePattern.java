package io.accounts.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path pattern, compiled once: literal text, {@code *} (any characters, {@code /} included, as in IAM
 * resource ARNs) and {@code {name}} (one non-empty path segment, bound to {@code name}). Matching walks the
 * pattern's parts with backtracking over the few {@code *}s; no regular expression is involved.
 */
public final class ResourcePattern {

    private sealed interface Part permits Literal, Star, Param {
    }

    private record Literal(String text) implements Part {
    }

    private record Star() implements Part {
    }

    private record Param(String name) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private ResourcePattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Compiles a pattern; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static ResourcePattern compile(String source) {
        if (source == null || !source.startsWith("/")) {
            throw new IllegalArgumentException("a Resource must start with '/': " + source);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '*' || c == '{') {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '*') {
                    parts.add(new Star());
                } else {
                    int end = source.indexOf('}', i);
                    String name = end < 0 ? "" : source.substring(i + 1, end);
                    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("a {parameter} in '" + source + "' is malformed");
                    }
                    parts.add(new Param(name));
                    i = end;
                }
            } else if (c == '}') {
                throw new IllegalArgumentException("unbalanced '}' in '" + source + "'");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new ResourcePattern(source, List.copyOf(parts));
    }

    /** The parameter bindings when the path matches, empty otherwise. */
    public Optional<Map<String, String>> match(String path) {
        Map<String, String> bindings = new HashMap<>(4);
        return match(0, path, 0, bindings) ? Optional.of(bindings) : Optional.empty();
    }

    public List<String> parameters() {
        return parts.stream().filter(p -> p instanceof Param).map(p -> ((Param) p).name()).toList();
    }

    private boolean match(int part, String path, int at, Map<String, String> bindings) {
        if (part == parts.size()) {
            return at == path.length();
        }
        Part current = parts.get(part);
        if (current instanceof Literal literal) {
            return path.startsWith(literal.text(), at) && match(part + 1, path, at + literal.text().length(), bindings);
        }
        if (current instanceof Param param) {
            int end = at;
            while (end < path.length() && path.charAt(end) != '/') {
                end++;
            }
            if (end == at) {
                return false;
            }
            bindings.put(param.name(), path.substring(at, end));
            if (match(part + 1, path, end, bindings)) {
                return true;
            }
            bindings.remove(param.name());
            return false;
        }
        for (int end = path.length(); end >= at; end--) {
            if (match(part + 1, path, end, bindings)) {
                return true;
            }
        }
        return false;
    }

    /** The pattern with each parameter replaced (by the given value, or {@code *}): for gateway ARNs. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Param param) {
                out.append(values.getOrDefault(param.name(), "*"));
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
