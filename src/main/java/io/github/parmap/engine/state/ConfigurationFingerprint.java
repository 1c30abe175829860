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
    /** The setting that stands for the processor's code: its name, class path, processorSource and how it was compiled. */
    public static final String PROCESSOR = "the processor";

    private final MessageDigest digest = Fingerprints.sha256();
    /** Each setting's own digest, by the name users know it by, so that the next build can say which one changed. */
    private final Map<String, MessageDigest> settings = new TreeMap<>();

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
        setting(settingName(name), value == null ? "\u0000absent" : value);
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
        update(name);
        update(text.toString());
        // Each entry a setting of its own (its value digested, never shown): <parameters><level>.
        new TreeMap<>(values == null ? Map.<String, String>of() : values)
                .forEach((key, value) -> setting("<" + name + "><" + key + ">", value == null ? "" : value));
        return this;
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
        MessageDigest setting = settings.computeIfAbsent(settingName(name), key -> Fingerprints.sha256());
        Fingerprints.updateWithLength(setting, entry.toString());
        if (Files.isRegularFile(entry)) {
            update("file");
            byte[] content = Fingerprints.sha256(entry);
            digest.update(content);
            setting.update(content);
        } else if (Files.isDirectory(entry)) {
            update("directory");
            // Code only: other resources in a project's target/classes include parmap's own copied outputs,
            // which would make every build after an output change look like a new processor.
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path file : files.filter(f -> isCode(entry, f) && Files.isRegularFile(f)).sorted().toList()) {
                    update(entry.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
                    byte[] content = Fingerprints.sha256(file);
                    digest.update(content);
                    setting.update(content);
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

    /**
     * @return each setting's own digest, in hexadecimal, by the name users know the setting by, such as
     *     {@code <includes>}, {@code <parameters><level>} or {@link #PROCESSOR}; the values never appear
     */
    public Map<String, String> settingDigests() {
        Map<String, String> hex = new TreeMap<>();
        settings.forEach((name, setting) -> {
            try {
                hex.put(name, Fingerprints.hex(((MessageDigest) setting.clone()).digest()));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests can be cloned", e);
            }
        });
        return hex;
    }

    private void setting(String name, String value) {
        Fingerprints.updateWithLength(settings.computeIfAbsent(name, key -> Fingerprints.sha256()), value);
    }

    /** The part names the adapter uses, as users know the settings. */
    private static String settingName(String part) {
        switch (part) {
            case "format":
                return "parmap's state format";
            case "plugin":
                return "the plugin version";
            case "processor":
            case "processorSource":
            case "processorSourceDigest":
            case "processorSourceEncoding":
            case "compilerOptions":
            case "classpath":
                return PROCESSOR;
            default:
                return part.startsWith("extraInput ") ? "<extraInputs> " + part.substring("extraInput ".length()) : "<" + part + ">";
        }
    }

    private void update(String text) {
        Fingerprints.updateWithLength(digest, text);
    }
}
