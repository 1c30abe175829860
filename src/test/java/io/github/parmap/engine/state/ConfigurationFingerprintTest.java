package io.github.parmap.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration fingerprint: equal for equal configurations, different as soon as anything that shapes outputs differs. */
class ConfigurationFingerprintTest {

    @TempDir
    Path root;

    private Path jar;
    private Path classes;

    @BeforeEach
    void createClasspath() {
        jar = Trees.write(root, "repo/thumbnailer-1.0.jar", new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5});
        classes = root.resolve("processors/target/classes");
        Trees.write(classes, "com/example/Thumbnailer.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 1});
        Trees.write(classes, "com/example/Helper.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 2});
        Trees.write(classes, "META-INF/services/x", "com.example.Thumbnailer");
    }

    private static ConfigurationFingerprint base() {
        return new ConfigurationFingerprint()
                .add("plugin", "0.1.0")
                .add("processor", "com.example.Thumbnailer")
                .add("parameters", Map.of("width", "256", "height", "128"))
                .add("includes", List.of("**/*.png", "**/*.jpg"))
                .add("excludes", List.of("**/draft/**"))
                .add("inputDirectory", "src/main/images")
                .add("outputDirectory", "target/generated-resources/parmap");
    }

    /** @return the fingerprint of the base configuration with the current class path, as the mojo builds it */
    private String unchanged() throws IOException {
        return base().addContent("classpath", jar).addContent("classpath", classes).toHex();
    }

    @Test
    void sameConfigurationGivesTheSameHexEveryTime() throws IOException {
        String first = unchanged();

        assertEquals(first, unchanged());
        assertEquals(64, first.length());
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void changeInAnyPlainPartChangesTheFingerprint() throws IOException {
        String original = unchanged();
        assertEquals(original, fingerprintWith("plugin", "0.1.0"), "same values, same fingerprint");

        assertNotEquals(original, fingerprintWith("plugin", "0.1.1"));
        assertNotEquals(original, fingerprintWith("processor", "com.example.Other"));
        assertNotEquals(original, fingerprintWith("inputDirectory", "src/main/pictures"));
        assertNotEquals(original, fingerprintWith("outputDirectory", "target/thumbs"));
        assertNotEquals(original, fingerprintWithList("includes", List.of("**/*.png")));
        assertNotEquals(original, fingerprintWithList("excludes", List.of()));
        assertNotEquals(original, fingerprintWithList("excludes", null));
    }

    @Test
    void changedParameterValueOrNameOrAnAddedOrRemovedParameterChangesTheFingerprint() throws IOException {
        String original = unchanged();

        assertNotEquals(original, fingerprintWithParameters(Map.of("width", "257", "height", "128")));
        assertNotEquals(original, fingerprintWithParameters(Map.of("Width", "256", "height", "128")));
        assertNotEquals(original, fingerprintWithParameters(Map.of("width", "256", "height", "128", "quality", "90")));
        assertNotEquals(original, fingerprintWithParameters(Map.of("width", "256")));
        assertNotEquals(original, fingerprintWithParameters(Map.of()));
    }

    @Test
    void parametersInAnotherOrderGiveTheSameFingerprint() throws IOException {
        Map<String, String> widthFirst = new LinkedHashMap<>();
        widthFirst.put("width", "256");
        widthFirst.put("height", "128");
        Map<String, String> heightFirst = new LinkedHashMap<>();
        heightFirst.put("height", "128");
        heightFirst.put("width", "256");

        assertEquals(fingerprintWithParameters(widthFirst), fingerprintWithParameters(heightFirst));
        assertEquals(unchanged(), fingerprintWithParameters(new HashMap<>(widthFirst)));
    }

    @Test
    void textMovedBetweenParameterNamesAndValuesChangesTheFingerprint() throws IOException {
        assertNotEquals(fingerprintWithParameters(Map.of("a", "bc")), fingerprintWithParameters(Map.of("ab", "c")));
        assertNotEquals(fingerprintWithParameters(Map.of("a", "b", "c", "d")), fingerprintWithParameters(Map.of("a", "bcd")));
    }

    @Test
    void parameterWithoutValueDiffersFromTheTextNull() throws IOException {
        Map<String, String> withoutValue = new HashMap<>();
        withoutValue.put("mode", null);

        assertNotEquals(fingerprintWithParameters(Map.of("mode", "null")), fingerprintWithParameters(withoutValue),
                "the processor sees an empty value for <mode/>, and the text 'null' for <mode>null</mode>");
        assertEquals(fingerprintWithParameters(Map.of("mode", "")), fingerprintWithParameters(withoutValue),
                "the processor sees an empty value for both");
    }

    @Test
    void includesInAnotherOrderChangeTheFingerprint() throws IOException {
        assertNotEquals(unchanged(), fingerprintWithList("includes", List.of("**/*.jpg", "**/*.png")));
    }

    @Test
    void listElementsAreNotJustConcatenated() throws IOException {
        assertNotEquals(fingerprintWithList("includes", List.of("ab")), fingerprintWithList("includes", List.of("a", "b")));
        assertNotEquals(fingerprintWithList("includes", List.of("a,b")), fingerprintWithList("includes", List.of("a", "b")));
        assertNotEquals(fingerprintWithList("includes", List.of()), fingerprintWithList("includes", null));
    }

    @Test
    void valueMovedFromOnePartToAnotherChangesTheFingerprint() {
        String inIncludes = new ConfigurationFingerprint().add("includes", List.of("**/*.png")).add("excludes", (List<String>) null).toHex();
        String inExcludes = new ConfigurationFingerprint().add("includes", (List<String>) null).add("excludes", List.of("**/*.png")).toHex();
        assertNotEquals(inIncludes, inExcludes);

        String split1 = new ConfigurationFingerprint().add("processor", "com.example.A").add("plugin", "1").toHex();
        String split2 = new ConfigurationFingerprint().add("processor", "com.example.").add("plugin", "A1").toHex();
        assertNotEquals(split1, split2);

        String nameAndValue1 = new ConfigurationFingerprint().add("ab", "c").toHex();
        String nameAndValue2 = new ConfigurationFingerprint().add("a", "bc").toHex();
        assertNotEquals(nameAndValue1, nameAndValue2);
    }

    @Test
    void absentValueDiffersFromEmptyText() {
        assertNotEquals(new ConfigurationFingerprint().add("processor", (String) null).toHex(),
                new ConfigurationFingerprint().add("processor", "").toHex());
    }

    @Test
    void changedByteInAClasspathJarChangesTheFingerprint() throws IOException {
        String original = unchanged();
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length - 1]++;
        Files.write(jar, bytes);

        assertNotEquals(original, unchanged());
    }

    @Test
    void sameJarBytesElsewhereGiveTheSameFingerprint() throws IOException {
        String original = unchanged();
        Path movedRepository = root.resolve("other-home/.m2/repository");
        jar = Files.move(jar, Files.createDirectories(movedRepository).resolve(jar.getFileName()));

        assertEquals(original, unchanged(), "a project built with another local repository stays up to date");
    }

    @Test
    void changedFileInAClasspathDirectoryChangesTheFingerprint() throws IOException {
        String original = unchanged();
        Trees.write(classes, "com/example/Helper.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 3});

        assertNotEquals(original, unchanged());
    }

    @Test
    void fileAddedToOrRemovedFromAClasspathDirectoryChangesTheFingerprint() throws IOException {
        String original = unchanged();
        Path added = Trees.write(classes, "com/example/Extra.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        assertNotEquals(original, unchanged());

        Files.delete(added);
        Files.delete(classes.resolve("META-INF/services/x"));
        assertNotEquals(original, unchanged());
    }

    @Test
    void copiedResourcesInAClasspathDirectoryDoNotChangeTheFingerprint() throws IOException {
        String original = unchanged();
        Trees.write(classes, "data/cities.json", "[]");

        assertEquals(original, unchanged(), "parmap's own outputs, copied to target/classes, are not processor code");
    }

    @Test
    void fileRenamedInAClasspathDirectoryChangesTheFingerprint() throws IOException {
        String original = unchanged();
        Files.move(classes.resolve("com/example/Helper.class"), classes.resolve("com/example/Helper2.class"));

        assertNotEquals(original, unchanged());
    }

    @Test
    void sameClassesDirectoryElsewhereGivesTheSameFingerprint() throws IOException {
        String original = unchanged();
        Path moved = root.resolve("moved/target/classes");
        Files.createDirectories(moved.getParent());
        classes = Files.move(classes, moved);

        assertEquals(original, unchanged());
    }

    @Test
    void classpathEntriesInAnotherOrderChangeTheFingerprint() throws IOException {
        String jarFirst = base().addContent("classpath", jar).addContent("classpath", classes).toHex();
        String classesFirst = base().addContent("classpath", classes).addContent("classpath", jar).toHex();

        assertNotEquals(jarFirst, classesFirst, "the first entry that holds a class wins, so the order matters");
    }

    @Test
    void missingClasspathEntryDiffersFromAnEmptyDirectory() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));

        assertNotEquals(new ConfigurationFingerprint().addContent("classpath", root.resolve("missing")).toHex(),
                new ConfigurationFingerprint().addContent("classpath", empty).toHex());
    }

    @Test
    void jarAndDirectoryWithTheSameBytesDiffer() throws IOException {
        Path asFile = Trees.write(root, "one/x", "bytes");
        Path asDirectory = root.resolve("two");
        Trees.write(asDirectory, "x", "bytes");

        assertNotEquals(new ConfigurationFingerprint().addContent("classpath", asFile).toHex(),
                new ConfigurationFingerprint().addContent("classpath", asDirectory).toHex());
    }

    private String fingerprintWith(String part, String value) throws IOException {
        return replacing(part, value, null, null);
    }

    private String fingerprintWithList(String part, List<String> value) throws IOException {
        return replacing(part, null, value, null);
    }

    private String fingerprintWithParameters(Map<String, String> parameters) throws IOException {
        return replacing("parameters", null, null, parameters);
    }

    /** The base configuration with one part's value replaced, parts in the same order. */
    private String replacing(String part, String text, List<String> list, Map<String, String> map) throws IOException {
        ConfigurationFingerprint f = new ConfigurationFingerprint();
        f.add("plugin", part.equals("plugin") ? text : "0.1.0");
        f.add("processor", part.equals("processor") ? text : "com.example.Thumbnailer");
        f.add("parameters", part.equals("parameters") ? map : Map.of("width", "256", "height", "128"));
        f.add("includes", part.equals("includes") ? list : List.of("**/*.png", "**/*.jpg"));
        f.add("excludes", part.equals("excludes") ? list : List.of("**/draft/**"));
        f.add("inputDirectory", part.equals("inputDirectory") ? text : "src/main/images");
        f.add("outputDirectory", part.equals("outputDirectory") ? text : "target/generated-resources/parmap");
        return f.addContent("classpath", jar).addContent("classpath", classes).toHex();
    }
}
