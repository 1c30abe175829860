package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicCommitTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    /** For each item: whether its output was already visible in the output directory while process ran. */
    static final Map<String, Boolean> VISIBLE_BEFORE_RETURN = new ConcurrentHashMap<>();

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
        VISIBLE_BEFORE_RETURN.clear();
    }

    /** Writes "done: REL", then looks whether the output directory already shows it. */
    public static final class WriteAndLook implements ItemProcessor {
        private final Path outputDirectory;

        public WriteAndLook(ProcessorContext context) {
            this.outputDirectory = context.outputDirectory();
        }

        @Override
        public void process(Item item) throws IOException {
            Path staged = item.output();
            Files.writeString(staged, "done: " + item.relativePath());
            VISIBLE_BEFORE_RETURN.put(item.relativePath(), Files.exists(outputDirectory.resolve(item.relativePath())));
        }
    }

    /** Writes its output completely, then fails for every input whose name starts with "bad". */
    public static final class WritesThenFailsOnBad implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(), "written before failing");
            Files.writeString(item.output(item.relativePath() + ".extra"), "a second output");
            if (Path.of(item.relativePath()).getFileName().toString().startsWith("bad")) {
                throw new IOException("cannot handle " + item.relativePath());
            }
        }
    }

    /** Asks for an output it never writes, and writes the usual one. */
    public static final class RequestsWithoutWriting implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            item.output("never/" + item.relativePath());
            Files.writeString(item.output(), "written");
        }
    }

    /** Writes one output several directories deeper than its input. */
    public static final class WritesDeep implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Path staged = item.output("deep/er/still/" + item.relativePath() + ".out");
            assertTrue(Files.isDirectory(staged.getParent()), "the parent of an output path must exist");
            Files.writeString(staged, item.relativePath());
        }
    }

    /** Checks that the staged path carries the output's file name, then writes it. */
    public static final class NamedOutput implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Path staged = item.output("img/logo.webp");
            if (!staged.getFileName().toString().equals("logo.webp")) {
                throw new IllegalStateException("staged file is named " + staged.getFileName());
            }
            Files.writeString(staged, "webp");
        }
    }

    /** Writes three outputs with one file name in different directories, each saying where it goes. */
    public static final class SameFileNameThrice implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            for (String directory : List.of("a", "b/c", "d")) {
                Path staged = item.output(directory + "/index.html");
                if (!staged.getFileName().toString().equals("index.html")) {
                    throw new IllegalStateException("staged file is named " + staged.getFileName());
                }
                Files.writeString(staged, directory + " of " + item.relativePath());
            }
        }
    }

    /** Catches the rejection of an escaping output path and carries on as if nothing happened. */
    public static final class SwallowsRejectedOutput implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            try {
                item.output("../escape.txt");
            } catch (IllegalArgumentException ignored) {
                // a careless processor
            }
            Files.writeString(item.output(), "should not be kept");
        }
    }

    /** Writes "first-REL" and then an output whose target in the output directory is a non-empty directory. */
    public static final class SecondOutputCannotBeCommitted implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output("first-" + item.relativePath()), "first");
            Files.writeString(item.output("blocked"), "second");
        }
    }

    /** Writes "first-REL" and then an output below a path that is a file in the output directory. */
    public static final class SecondOutputBelowAFile implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output("first-" + item.relativePath()), "first");
            Files.writeString(item.output("plain-file/below.txt"), "second");
        }
    }

    @Test
    void outputsAppearOnlyAfterProcessReturns() throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "sub/b.txt", "b");

        ProcessingResult result = Runs.run(input, output, WriteAndLook.class, 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(Map.of("a.txt", false, "sub/b.txt", false), VISIBLE_BEFORE_RETURN,
                "an output must not be visible in the output directory before process returns");
        assertEquals("done: a.txt", Trees.read(output, "a.txt"));
        assertEquals("done: sub/b.txt", Trees.read(output, "sub/b.txt"));
        assertEquals(2, result.processed());
        assertEquals(2, result.outputsCommitted());
    }

    @Test
    void failingItemLeavesNoOutput() throws Exception {
        Trees.write(input, "good.txt", "g");
        Trees.write(input, "bad.txt", "b");
        Trees.write(input, "dir/bad-too.txt", "b");

        ProcessingResult result = Runs.run(input, output, WritesThenFailsOnBad.class, 2);

        assertFalse(result.succeeded());
        assertEquals(List.of("good.txt", "good.txt.extra"), Trees.entries(output));
        assertEquals(1, result.processed());
        assertEquals(2, result.outputsCommitted());
    }

    @Test
    void noStagingDirectoryOrTemporaryFileRemainsAfterSuccessfulRun() throws Exception {
        for (int i = 0; i < 20; i++) {
            Trees.write(input, "d" + (i % 3) + "/f" + i + ".txt", "content " + i);
        }

        ProcessingResult result = Runs.run(input, output, WritesThenFailsOnBad.class, 3);

        assertTrue(result.succeeded(), result::toString);
        List<String> entries = Trees.entries(output);
        assertEquals(3 + 40, entries.size(), () -> "exactly the outputs and their directories, found: " + entries);
        assertTrue(entries.stream().noneMatch(path -> path.contains(StagingArea.DIRECTORY_NAME)), entries::toString);
    }

    @Test
    void noStagingDirectoryOrTemporaryFileRemainsAfterFailedRun() throws Exception {
        for (int i = 0; i < 10; i++) {
            Trees.write(input, "bad" + i + ".txt", "content " + i);
        }

        ProcessingResult result = Runs.run(input, output, WritesThenFailsOnBad.class, 3);

        assertEquals(10, result.failures().size());
        assertEquals(List.of(), Trees.entries(output), "a run where every item failed leaves an empty output directory");
    }

    @Test
    void outputRequestedButNeverWrittenProducesNothing() throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.run(input, output, RequestsWithoutWriting.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("a.txt"), Trees.entries(output));
        assertEquals(1, result.outputsCommitted());
    }

    @Test
    void nestedOutputDirectoriesAreCreated() throws Exception {
        Trees.write(input, "x/a.txt", "a");

        ProcessingResult result = Runs.run(input, output, WritesDeep.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("x/a.txt", Trees.read(output, "deep/er/still/x/a.txt.out"));
    }

    @Test
    void outputsOfOneItemWithTheSameFileNameAreStagedApartAndAllCommitted() throws Exception {
        Files.writeString(input.resolve("two.txt"), "2");

        ProcessingResult result = Runs.run(input, output, SameFileNameThrice.class, 1);

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(3, result.outputsCommitted());
        assertEquals("a of two.txt", Files.readString(output.resolve("a/index.html")));
        assertEquals("b/c of two.txt", Files.readString(output.resolve("b/c/index.html")));
        assertEquals("d of two.txt", Files.readString(output.resolve("d/index.html")));
    }

    @Test
    void stagedOutputHasTheOutputsFileName() throws Exception {
        Trees.write(input, "a.png", "a");

        ProcessingResult result = Runs.run(input, output, NamedOutput.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("webp", Trees.read(output, "img/logo.webp"));
    }

    @ParameterizedTest(name = "with {0} worker(s)")
    @ValueSource(ints = {1, 3})
    void existingOutputsAreReplacedAndUnrelatedFilesKept(int workers) throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(output, "a.txt", "stale output of an earlier run");
        Trees.write(output, "unrelated.txt", "not written by parmap");

        ProcessingResult result = Runs.run(input, output, WriteAndLook.class, workers);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("done: a.txt", Trees.read(output, "a.txt"));
        assertEquals("not written by parmap", Trees.read(output, "unrelated.txt"));
    }

    @Test
    void itemStillFailsWhenProcessorSwallowsRejectedOutputPath() throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.run(input, output, SwallowsRejectedOutput.class, 1);

        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).describe().contains("../escape.txt"), result.failures().get(0).describe());
        assertEquals(List.of(), Trees.entries(output));
        assertFalse(Files.exists(root.resolve("escape.txt")));
    }

    @Test
    void itemWhoseOutputCannotBeCommittedKeepsNoneOfItsOutputs() throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(output, "blocked/keep.txt", "a directory where the item wants to write a file");

        ProcessingResult result = Runs.run(input, output, SecondOutputCannotBeCommitted.class, 1);

        assertEquals(1, result.failures().size(), result::toString);
        assertEquals(0, result.outputsCommitted());
        assertEquals(List.of("blocked", "blocked/keep.txt"), Trees.entries(output),
                "a failed item must leave nothing behind, not even the outputs it could commit");
    }

    @Test
    void itemWhoseOutputDirectoryIsAFileKeepsNoneOfItsOutputs() throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(output, "plain-file", "a file where the item wants a directory");

        ProcessingResult result = Runs.run(input, output, SecondOutputBelowAFile.class, 1);

        assertEquals(1, result.failures().size(), result::toString);
        assertEquals(List.of("plain-file"), Trees.entries(output));
    }
}
