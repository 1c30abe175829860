package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main incremental rules, end to end through the engine. */
class IncrementalSmokeTest {
    static final AtomicInteger CREATED = new AtomicInteger();

    /** Writes an upper-cased copy, and a ".len" file with the length when the parameter "len" is set. */
    public static class Upper implements ItemProcessor {
        private final boolean withLength;

        public Upper(io.github.parmap.ProcessorContext context) {
            CREATED.incrementAndGet();
            withLength = context.parameters().containsKey("len");
        }

        @Override
        public void process(Item item) throws Exception {
            String text = Files.readString(item.path());
            if (text.contains("BAD")) {
                throw new IllegalStateException("bad content");
            }
            Files.writeString(item.output(), text.toUpperCase(Locale.ROOT));
            if (withLength) {
                Files.writeString(item.output(item.relativePath() + ".len"), Integer.toString(text.length()));
            }
        }
    }

    @TempDir
    Path dir;

    private ProcessingResult run(Map<String, String> parameters, String configuration) throws Exception {
        return ParallelRun.execute(Runs.request(dir.resolve("in"), dir.resolve("out"), Upper.class)
                .parameters(parameters)
                .workers(2)
                .incremental(new Incremental(dir.resolve("state"), configuration, false))
                .build());
    }

    @Test
    void mainRules() throws Exception {
        Trees.write(dir.resolve("in"), "a.txt", "a");
        Trees.write(dir.resolve("in"), "sub/b.txt", "b");
        Trees.write(dir.resolve("in"), "c.txt", "c");
        Trees.write(dir.resolve("out"), "foreign.txt", "not ours");

        ProcessingResult first = run(Map.of(), "one");
        assertEquals(3, first.processed());

        CREATED.set(0);
        ProcessingResult second = run(Map.of(), "one");
        assertEquals(0, second.processed());
        assertEquals(3, second.upToDate());
        assertEquals(0, CREATED.get(), "no processor instance when nothing is to do");

        // touch without content change
        Files.setLastModifiedTime(dir.resolve("in/a.txt"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals(0, run(Map.of(), "one").processed());

        // edit one, delete one
        Files.writeString(dir.resolve("in/c.txt"), "cc");
        Files.delete(dir.resolve("in/sub/b.txt"));
        ProcessingResult third = run(Map.of(), "one");
        assertEquals(1, third.processed());
        assertEquals(1, third.removed());
        assertEquals(Map.of("a.txt", "A", "c.txt", "CC", "foreign.txt", "not ours"), texts());

        // output deleted by hand
        Files.delete(dir.resolve("out/a.txt"));
        assertEquals(1, run(Map.of(), "one").processed());

        // configuration change: everything redone; then back: the .len outputs disappear
        assertEquals(2, run(Map.of("len", ""), "two").processed());
        assertTrue(Files.exists(dir.resolve("out/a.txt.len")));
        assertEquals(2, run(Map.of(), "one").processed());
        assertFalse(Files.exists(dir.resolve("out/a.txt.len")));

        // failed item: old outputs gone, retried next time
        Files.writeString(dir.resolve("in/c.txt"), "BAD");
        ProcessingResult failed = run(Map.of(), "one");
        assertEquals(1, failed.failures().size());
        assertFalse(Files.exists(dir.resolve("out/c.txt")));
        assertEquals(1, run(Map.of(), "one").failures().size(), "a failed item is tried again");
        assertEquals(Map.of("a.txt", "A", "foreign.txt", "not ours"), texts());
        assertEquals(List.of("lock", "output-directory.txt", "state.bin"), Trees.files(dir.resolve("state")), "a finished run leaves its snapshot, no journal");
    }

    @Test
    void turningIncrementalBuildsOffDeletesTheStateDirectory() throws Exception {
        Trees.write(dir.resolve("in"), "a.txt", "a");
        run(Map.of(), "one");
        // as a build killed while writing the snapshot leaves it
        Files.writeString(dir.resolve("state/state.bin.tmp"), "half a snapshot");

        Incremental.deleteState(dir.resolve("state"));

        assertFalse(Files.exists(dir.resolve("state")), "the state directory is gone");
        Incremental.deleteState(dir.resolve("state")); // nothing to delete: no error
        assertEquals(1, run(Map.of(), "one").processed(), "without a state, everything is processed");
    }

    @Test
    void deletingTheStateLeavesOtherFilesInItsDirectory() throws Exception {
        Trees.write(dir.resolve("in"), "a.txt", "a");
        run(Map.of(), "one");
        Trees.write(dir.resolve("state"), "notes.txt", "not ours");

        Incremental.deleteState(dir.resolve("state"));

        assertEquals(List.of("notes.txt"), Trees.files(dir.resolve("state")));
    }

    @Test
    void stateDirectoryInsideTheInputDirectoryIsNoInput() throws Exception {
        Path project = dir.resolve("project");
        Trees.write(project, "a.txt", "a");
        Incremental incremental = new Incremental(project.resolve("target/parmap/default"), "one", false);
        ProcessingRequest request = Runs.request(project, project.resolve("target/out"), Upper.class).incremental(incremental).build();

        assertEquals(1, ParallelRun.execute(request).processed());
        ProcessingResult second = ParallelRun.execute(request);

        assertEquals(1, second.itemCount(), "state.bin is not scanned as an input");
        assertEquals(1, second.upToDate());
    }

    private Map<String, String> texts() throws Exception {
        Map<String, String> texts = new java.util.TreeMap<>();
        for (String file : Trees.files(dir.resolve("out"))) {
            texts.put(file, Files.readString(dir.resolve("out").resolve(file)));
        }
        return texts;
    }
}
