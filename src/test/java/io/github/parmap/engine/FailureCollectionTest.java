package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureCollectionTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    /** Every item any processor was handed in the current test. */
    static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
        STARTED.clear();
    }

    /** Copies the input, except that an input whose content is a failure description fails that way. */
    public static final class FailsAsTold implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            STARTED.add(item.relativePath());
            String content = Files.readString(item.path());
            switch (content) {
                case "io" -> throw new IOException("disk says no for " + item.relativePath());
                case "number" -> Integer.parseInt("x");
                case "argument" -> throw new IllegalArgumentException("width must be positive");
                case "error" -> throw new AssertionError("an Error, not an Exception");
                case "oom" -> throw new OutOfMemoryError("simulated");
                default -> Files.writeString(item.output(), content);
            }
        }
    }

    private List<String> writeTenInputs(String failingContent, String... failing) {
        List<String> names = new ArrayList<>();
        for (char c = 'a'; c <= 'j'; c++) {
            String name = "f-" + c + ".txt";
            names.add(name);
            Trees.write(input, name, List.of(failing).contains(name) ? failingContent : "ok " + c);
        }
        return names;
    }

    @Test
    void withoutFailFastEveryItemIsTriedAndAllFailuresAreReportedSortedByPath() throws Exception {
        Trees.write(input, "z/last.txt", "io");
        Trees.write(input, "m.csv", "number");
        Trees.write(input, "a/first.txt", "argument");
        Trees.write(input, "b.txt", "error");
        for (int i = 0; i < 12; i++) {
            Trees.write(input, "good/" + i + ".txt", "ok " + i);
        }

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, FailsAsTold.class).workers(3).build());

        assertFalse(result.succeeded());
        assertEquals(16, STARTED.size(), "every item is tried");
        assertEquals(16, result.itemCount());
        assertEquals(12, result.processed());
        assertEquals(0, result.notStarted());
        assertEquals(List.of("a/first.txt", "b.txt", "m.csv", "z/last.txt"),
                result.failures().stream().map(ItemFailure::relativePath).toList());
        assertInstanceOf(IllegalArgumentException.class, result.failures().get(0).cause());
        assertInstanceOf(AssertionError.class, result.failures().get(1).cause());
        assertInstanceOf(NumberFormatException.class, result.failures().get(2).cause());
        assertInstanceOf(IOException.class, result.failures().get(3).cause());
        assertEquals(12, Trees.files(output).size());
    }

    @Test
    void failureDescriptionNamesTheItemAndTheProcessorsMessage() throws Exception {
        Trees.write(input, "data/b.csv", "number");
        Trees.write(input, "a.txt", "argument");
        Trees.write(input, "c.txt", "io");

        ProcessingResult result = Runs.run(input, output, FailsAsTold.class, 1);

        assertEquals(List.of(
                        "a.txt: IllegalArgumentException: width must be positive",
                        "c.txt: IOException: disk says no for c.txt",
                        "data/b.csv: NumberFormatException: For input string: \"x\""),
                result.failures().stream().map(ItemFailure::describe).toList());
    }

    @Test
    void withFailFastAndOneWorkerNoItemStartsAfterTheFirstFailure() throws Exception {
        writeTenInputs("io", "f-c.txt");

        ProcessingResult result = ParallelRun.execute(
                Runs.request(input, output, FailsAsTold.class).workers(1).failFast(true).build());

        assertFalse(result.succeeded());
        assertEquals(Set.of("f-a.txt", "f-b.txt", "f-c.txt"), STARTED);
        assertEquals(2, result.processed());
        assertEquals(List.of("f-c.txt"), result.failures().stream().map(ItemFailure::relativePath).toList());
        assertEquals(7, result.notStarted());
        assertEquals(List.of("f-a.txt", "f-b.txt"), Trees.files(output));
    }

    @Test
    void withFailFastAndSeveralWorkersTheRunStopsEarlyAndIsNotSucceeded() throws Exception {
        writeTenInputs("io", "f-a.txt");

        ProcessingResult result = ParallelRun.execute(
                Runs.request(input, output, FailsAsTold.class).workers(3).failFast(true).build());

        assertFalse(result.succeeded());
        assertEquals(List.of("f-a.txt"), result.failures().stream().map(ItemFailure::relativePath).toList());
        assertEquals(result.itemCount(), result.processed() + result.failures().size() + result.notStarted());
        assertEquals(STARTED.size(), result.processed() + result.failures().size());
    }

    @Test
    void withoutFailFastOneWorkerStillTriesEveryItemAfterAFailure() throws Exception {
        writeTenInputs("io", "f-a.txt", "f-e.txt");

        ProcessingResult result = Runs.run(input, output, FailsAsTold.class, 1);

        assertEquals(10, STARTED.size());
        assertEquals(8, result.processed());
        assertEquals(0, result.notStarted());
        assertEquals(List.of("f-a.txt", "f-e.txt"), result.failures().stream().map(ItemFailure::relativePath).toList());
    }

    @Test
    void virtualMachineErrorStopsStartingNewItemsEvenWithoutFailFast() throws Exception {
        writeTenInputs("oom", "f-b.txt");

        ProcessingResult result = Runs.run(input, output, FailsAsTold.class, 1);

        assertFalse(result.succeeded());
        assertEquals(Set.of("f-a.txt", "f-b.txt"), STARTED);
        assertEquals(8, result.notStarted());
        assertInstanceOf(OutOfMemoryError.class, result.failures().get(0).cause());
    }

    @Test
    void summaryLineCountsFailures() throws Exception {
        writeTenInputs("io", "f-a.txt", "f-j.txt");
        RecordingLog log = new RecordingLog();

        ParallelRun.execute(Runs.request(input, output, FailsAsTold.class).workers(2).log(log).build());

        List<String> info = log.messages(Level.INFO);
        String summary = info.get(info.size() - 1);
        assertTrue(summary.contains("8 of 10"), summary);
        assertTrue(summary.contains("2 failed"), summary);
    }
}
