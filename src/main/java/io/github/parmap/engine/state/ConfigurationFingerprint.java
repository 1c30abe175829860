package io.github.parmap.engine.state;

import io.github.parmap.engine.support.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the digest of a run's configuration. Each part is added under a name, so that two different
 * configurations never digest alike by moving text from one part to another.
 */
public final class ConfigurationFingerprint {
    private final MessageDigest digest = Fingerprints.sha256();

    /** Starts a fingerprint; the state's format version is always part of it. */
    public ConfigurationFingerprint() {
        add("format", Integer.toString(BuildState.FORMAT_VERSION));
    }

    /**
     * @param name what the value is, for example {@code includes}
     * @param value the value; {@code null} counts as absent
     * @return this fingerprint
     */
    public ConfigurationFingerprint add(String name, String value) {
        update(name);
        update(value == null ? "\u0000absent" : value);
        return this;
    }

    /** @param name what the values are @param values a list whose order matters @return this fingerprint */
    public ConfigurationFingerprint add(String name, List<String> values) {
        return add(name, values == null ? null : String.join("\u0000", values));
    }

    /**
     * @param name what the map is
     * @param values a map, taken in key order; a {@code null} value counts as empty text, as processors see it
     * @return this fingerprint
     */
    public ConfigurationFingerprint add(String name, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values == null ? Map.<String, String>of() : values)
                .forEach((key, value) -> text.append(key).append('\u0000').append(value == null ? "" : value).append('\u0000'));
        return add(name, text.toString());
    }

    /**
     * Adds the content of a class path entry: a jar's bytes, or below a directory every class file and
     * everything under {@code META-INF}, with its relative path. Other resources in a directory do not count:
     * a project's {@code target/classes} holds parmap's own copied outputs. A missing entry counts as absent.
     *
     * @param name what the entry is, for example {@code classpath}
     * @param entry a jar file or a directory of classes
     * @return this fingerprint
     * @throws IOException if the entry cannot be read
     */
    public ConfigurationFingerprint addContent(String name, Path entry) throws IOException {
        update(name);
        if (Files.isRegularFile(entry)) {
            update("file");
            digest.update(Fingerprints.sha256(entry));
        } else if (Files.isDirectory(entry)) {
            update("directory");
            // Code only: other resources in a project's target/classes include parmap's own copied outputs,
            // which would make every build after an output change look like a new processor.
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path file : files.filter(f -> isCode(entry, f) && Files.isRegularFile(f)).sorted().toList()) {
                    update(entry.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
                    digest.update(Fingerprints.sha256(file));
                }
            }
        } else {
            update("absent");
        }
        return this;
    }

    /** Class files, and what lies under META-INF (service registrations, manifests). */
    private static boolean isCode(Path directory, Path file) {
        return file.getFileName().toString().endsWith(".class") || directory.relativize(file).startsWith("META-INF");
    }

    /** @return the digest as hexadecimal text; the fingerprint is finished */
    public String toHex() {
        return Fingerprints.hex(digest.digest());
    }

    private void update(String text) {
        Fingerprints.updateWithLength(digest, text);
    }
}
