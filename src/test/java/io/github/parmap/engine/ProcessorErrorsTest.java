package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors thrown by processors fail their item with a clear message; only those that leave the JVM unfit stop the run. */
class ProcessorErrorsTest {

    @TempDir
    Path root;

    /** Throws the error the file names. */
    public static final class ThrowsErrors implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            switch (Files.readString(item.path()).trim()) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> throw new StackOverflowError();
                case "linkage" -> throw new NoClassDefFoundError("com/example/Missing");
                default -> Files.writeString(item.output(), "ok");
            }
        }
    }

    @Test
    void stackOverflowAndMissingClassFailTheirItemAndTheRunGoesOn() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "a.txt", "stack");
        Trees.write(input, "b.txt", "linkage");
        Trees.write(input, "c.txt", "fine");

        ProcessingResult result = Runs.run(input, root.resolve("out"), ThrowsErrors.class, 1);

        assertEquals(1, result.processed());
        assertEquals("a.txt: StackOverflowError", result.failures().get(0).describe());
        assertEquals("b.txt: NoClassDefFoundError: com/example/Missing", result.failures().get(1).describe());
    }

    @Test
    void outOfMemoryFailsItsItemAndStartsNoOtherWithAHintAboutMemory() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "a.txt", "oom");
        Trees.write(input, "b.txt", "fine");
        Trees.write(input, "c.txt", "fine");

        ProcessingResult result = Runs.run(input, root.resolve("out"), ThrowsErrors.class, 1);

        assertEquals(1, result.failures().size());
        assertEquals(2, result.notStarted());
        String message = result.failures().get(0).describe();
        assertTrue(message.startsWith("a.txt: OutOfMemoryError: Java heap space"), message);
        assertTrue(message.contains("MAVEN_OPTS=-Xmx"), message);
    }
}
