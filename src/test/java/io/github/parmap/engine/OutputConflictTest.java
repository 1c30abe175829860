package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputConflictTest {

    @TempDir
    Path root;

    /** Every input writes the same output, "merged.txt" (spelled differently by each). */
    public static final class AllWriteOneOutput implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            String spelling = item.relativePath().startsWith("a") ? "merged.txt" : "./x/../merged.txt";
            Files.writeString(item.output(spelling), item.relativePath());
        }
    }

    /** Asks for its own output twice, as a processor that looks the path up again might. */
    public static final class AsksTwice implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            item.output();
            Files.writeString(item.output(), "once");
        }
    }

    @ParameterizedTest(name = "with {0} worker(s)")
    @ValueSource(ints = {1, 2})
    void twoItemsWritingOneOutputIsAFailureNamingBothInputs(int workers) throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "b/b.txt", "b");

        ProcessingResult result = Runs.run(input, output, AllWriteOneOutput.class, workers);

        assertFalse(result.succeeded());
        assertEquals(1, result.failures().size(), result::toString);
        String message = result.failures().get(0).describe();
        assertTrue(message.contains("'a.txt'"), message);
        assertTrue(message.contains("'b/b.txt'"), message);
        assertTrue(message.contains("merged.txt"), message);
        String winner = result.failures().get(0).relativePath().equals("a.txt") ? "b/b.txt" : "a.txt";
        assertEquals(winner, Trees.read(output, "merged.txt"), "the output comes whole from the item that did not fail");
    }

    @Test
    void oneItemAskingTwiceForTheSameOutputIsNoConflict() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.run(input, root.resolve("out"), AsksTwice.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(1, result.outputsCommitted());
    }

    /** Writes its content to the output path named on its first line. */
    public static final class WritesWhereTold implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            String target = Files.readAllLines(item.path()).get(0);
            Files.writeString(item.output(target), item.relativePath());
        }
    }

    @Test
    void anInputTakingOverTheOutputOfAnUpToDateInputFailsNamingBoth() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        Trees.write(input, "a.txt", "shared.txt\n");
        Trees.write(input, "b.txt", "own.txt\n");
        Incremental incremental = new Incremental(root.resolve("state"), "config", false);
        assertTrue(ParallelRun.execute(Runs.request(input, output, WritesWhereTold.class).incremental(incremental).build()).succeeded());

        Trees.write(input, "b.txt", "shared.txt\n");
        ProcessingResult second = ParallelRun.execute(Runs.request(input, output, WritesWhereTold.class).incremental(incremental).build());

        assertEquals(1, second.upToDate(), "a.txt did not change");
        assertEquals(1, second.failures().size());
        String message = second.failures().get(0).describe();
        assertTrue(message.startsWith("b.txt: output 'shared.txt' is written by both 'a.txt' and 'b.txt'"), message);
        assertEquals("a.txt", Trees.read(output, "shared.txt"), "the up-to-date owner's output is left as it was");
    }
}
