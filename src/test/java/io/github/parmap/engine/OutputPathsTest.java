package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.commit.OutputPaths;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputPathsTest {

    @TempDir
    Path root;

    /** Writes one output at the path held in the input file. */
    public static final class WritesWhereTold implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(Files.readString(item.path())), "from " + item.relativePath());
        }
    }

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource({
        "a.txt,          a.txt",
        "a/../b,         b",
        "./a//b.txt,     a/b.txt",
        "a/./b/,         a/b",
        "x/y/../../z,    z",
        ".parmap-stagingX/a, .parmap-stagingX/a",
        "sub/.parmap-staging/a, sub/.parmap-staging/a",
    })
    void acceptsRelativePathsInTheirNormalForm(String requested, String expected) {
        assertEquals(expected, OutputPaths.normalize(requested));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"../x", "a/../../x", "..", "/abs", "/", "", " ", ".", "a/..", ".parmap-staging/x", ".parmap-staging",
        "a/../.parmap-staging/x", "bad\0name"})
    void rejectsPathsOutsideTheOutputDirectoryOrInsideStaging(String requested) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize(requested));

        assertTrue(e.getMessage().startsWith("output path"), e.getMessage());
    }

    @Test
    void backslashIsRejectedUnlessTheInputsOwnNameHasOne() {
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("sub\\a.png"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize("sub\\a.png", false));
        if (root.getFileSystem().getSeparator().equals("/")) {
            assertEquals("back\\slash.txt.gz", OutputPaths.normalize("back\\slash.txt.gz", true));
        }
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize(null));
    }

    @ParameterizedTest(name = "asking for ''{0}'' fails the item with ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "../x         | leads outside the output directory",
        "sub/../../x  | leads outside the output directory",
        "/abs         | is absolute",
        "''           | must not be empty",
        ".parmap-staging/x | reserves for itself",
        "sub\\x            | contains a backslash",
    })
    void itemAskingForAForbiddenOutputFailsWithAClearMessage(String requested, String explanation) throws Exception {
        Path input = Files.createDirectories(root.resolve("work/in"));
        Path output = root.resolve("work/out");
        Trees.write(input, "item.txt", requested);
        Trees.write(input, "fine.txt", "fine.txt");

        ProcessingResult result = Runs.run(input, output, WritesWhereTold.class, 1);

        assertEquals(1, result.failures().size(), result::toString);
        String failure = result.failures().get(0).describe();
        assertTrue(failure.startsWith("item.txt: "), failure);
        assertTrue(failure.contains(explanation), failure);
        assertTrue(requested.isEmpty() || failure.contains("'" + requested + "'"), failure);
        assertEquals(List.of("fine.txt"), Trees.entries(output));
        assertEquals(List.of("in", "in/fine.txt", "in/item.txt", "out", "out/fine.txt"), Trees.entries(root.resolve("work")),
                "nothing may be written outside the output directory");
        assertFalse(Files.exists(root.resolve("x")));
    }

    @Test
    void dotDotInsideThePathIsNormalizedInTheOutputDirectory() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        Trees.write(input, "item.txt", "a/../b");

        ProcessingResult result = Runs.run(input, output, WritesWhereTold.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("b"), Trees.entries(output));
        assertEquals("from item.txt", Trees.read(output, "b"));
    }
}
