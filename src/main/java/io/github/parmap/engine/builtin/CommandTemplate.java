package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.engine.support.PlainMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One word of the {@code exec} processor's command, or one path such as its {@code stdout}, with placeholders
 * that are filled in for each item. Splitting into words happens before, so whatever a placeholder stands
 * for, spaces and leading dashes included, stays inside the word it was written in.
 *
 * <p>Placeholders: {@code {in}}, {@code {rel}}, {@code {out}}, {@code {out:.ext}}, {@code {name}} and
 * {@code {stem}}. A brace that does not start one of them is kept as written ({@code {}}, {@code {"a": 1}}),
 * except for a word of letters in braces ({@code {input}}), which is taken for a mistyped placeholder.
 */
final class CommandTemplate {
    static final String PLACEHOLDERS = "{in}, {rel}, {out}, {out:.ext}, {name} and {stem}";
    private static final Set<String> SIMPLE = Set.of("in", "rel", "out", "name", "stem");

    private final String text;
    private final List<Part> parts;

    private CommandTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param text the word or path as written
     * @param parameter the parameter it comes from, for messages
     * @throws PlainMessageException for a mistyped placeholder
     */
    static CommandTemplate parse(String text, String parameter) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int index = 0;
        while (index < text.length()) {
            int close = text.charAt(index) == '{' ? text.indexOf('}', index + 1) : -1;
            Part placeholder = close < 0 ? null : placeholder(text.substring(index + 1, close), parameter);
            if (placeholder == null) {
                literal.append(text.charAt(index));
                index++;
                continue;
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder);
            index = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new CommandTemplate(text, List.copyOf(parts));
    }

    private static Part placeholder(String inside, String parameter) {
        if (SIMPLE.contains(inside)) {
            return new Placeholder(inside, null);
        }
        if (inside.startsWith("out:")) {
            String extension = inside.substring("out:".length());
            if (extension.length() < 2 || extension.charAt(0) != '.' || extension.indexOf('/') >= 0 || extension.indexOf('\\') >= 0) {
                throw new PlainMessageException("parameter <" + parameter + "> of the exec processor has the placeholder {" + inside
                        + "}, but {out:.ext} takes an extension that starts with a dot and has no slash, such as {out:.webp}");
            }
            return new Placeholder("out", extension);
        }
        if (!inside.isEmpty() && inside.chars().allMatch(Character::isLetter)) {
            throw new PlainMessageException("parameter <" + parameter + "> of the exec processor has an unknown placeholder {" + inside
                    + "}; the placeholders are " + PLACEHOLDERS);
        }
        return null;
    }

    /** @return whether anything in this text depends on the item */
    boolean hasPlaceholders() {
        return parts.stream().anyMatch(part -> part instanceof Placeholder);
    }

    /** @return the text as written */
    String text() {
        return text;
    }

    /**
     * Fills in the placeholders; each {@code {out…}} asks the item for that output, so whatever the command
     * writes there is committed with the item.
     */
    String expand(Item item) {
        StringBuilder expanded = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                expanded.append(literal.text());
            } else {
                expanded.append(((Placeholder) part).value(item));
            }
        }
        return expanded.toString();
    }

    /** @return the file name of a '/'-separated relative path */
    static String name(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    /** @return the file name without its last extension; a name whose only dot leads it has no extension */
    static String stem(String relativePath) {
        String name = name(relativePath);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** @return the relative path with its last extension replaced, or the extension appended if it has none */
    static String replaceExtension(String relativePath, String extension) {
        String name = name(relativePath);
        String directory = relativePath.substring(0, relativePath.length() - name.length());
        return directory + stem(relativePath) + extension;
    }

    private sealed interface Part permits Literal, Placeholder {}

    private record Literal(String text) implements Part {}

    private record Placeholder(String kind, String extension) implements Part {
        String value(Item item) {
            String relativePath = item.relativePath();
            return switch (kind) {
                case "in" -> item.path().toString();
                case "rel" -> relativePath;
                case "name" -> name(relativePath);
                case "stem" -> stem(relativePath);
                case "out" -> (extension == null ? item.output() : item.output(replaceExtension(relativePath, extension))).toString();
                default -> throw new IllegalStateException(kind);
            };
        }
    }
}
