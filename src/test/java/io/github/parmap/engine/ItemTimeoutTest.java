package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An item over itemTimeout fails alone, commits nothing, and never keeps the run from finishing. */
@Timeout(60)
class ItemTimeoutTest {
    static final AtomicInteger CREATED = new AtomicInteger();

    @TempDir
    Path root;

    /** Writes its output, then waits (interruptibly) as long as the file says, in milliseconds. */
    public static final class SleepsAsTold implements ItemProcessor {
        public SleepsAsTold() {
            CREATED.incrementAndGet();
        }

        @Override
        public void process(Item item) throws Exception {
            Files.writeString(item.output(), "done");
            Thread.sleep(Long.parseLong(Files.readString(item.path()).trim()));
        }
    }

    /** Writes its output, then spins without ever looking at interrupts when the file says "forever". */
    public static final class IgnoresInterrupts implements ItemProcessor {
        static volatile boolean release;

        public IgnoresInterrupts() {
            CREATED.incrementAndGet();
        }

        @Override
        public void process(Item item) throws Exception {
            Files.writeString(item.output(), "done");
            if (Files.readString(item.path()).trim().equals("forever")) {
                while (!release) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Test
    void itemOverTheLimitFailsNamingTheFileAndTheLimitAndCommitsNothing() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        Trees.write(input, "fast-1.txt", "0");
        Trees.write(input, "slow.txt", "60000");
        Trees.write(input, "fast-2.txt", "0");

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, SleepsAsTold.class)
                .workers(2).itemTimeout(Duration.ofMillis(300)).build());

        assertEquals(1, result.failures().size());
        assertEquals("slow.txt: timed out: still running after 300ms (itemTimeout)", result.failures().get(0).describe());
        assertEquals(2, result.processed());
        assertEquals(List.of("fast-1.txt", "fast-2.txt"), Trees.files(output));
    }

    @Test
    void workerThatIgnoresTheInterruptIsReplacedAndTheRunFinishes() throws Exception {
        IgnoresInterrupts.release = false;
        CREATED.set(0);
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        Trees.write(input, "a-stuck.txt", "forever");
        for (int i = 0; i < 5; i++) {
            Trees.write(input, "b-" + i + ".txt", "quick");
        }
        try {
            ProcessingResult result = ParallelRun.execute(Runs.request(input, output, IgnoresInterrupts.class)
                    .workers(1).itemTimeout(Duration.ofMillis(200)).build());

            assertEquals(1, result.failures().size());
            assertEquals("a-stuck.txt: timed out: still running after 200ms (itemTimeout)", result.failures().get(0).describe(),
                    "the item its abandoned worker never returned from counts as timed out");
            assertEquals(5, result.processed(), "a replacement worker took over the remaining files");
            assertEquals(2, CREATED.get(), "the replacement has a processor instance of its own");
            assertFalse(Files.exists(output.resolve("a-stuck.txt")));
            assertEquals(5, Trees.files(output).size());
        } finally {
            IgnoresInterrupts.release = true;
        }
    }

    @Test
    void aTimeoutIsAFailureThatFailFastStopsAt() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "a-slow.txt", "60000");
        Trees.write(input, "b.txt", "0");
        Trees.write(input, "c.txt", "0");

        ProcessingResult result = ParallelRun.execute(Runs.request(input, root.resolve("out"), SleepsAsTold.class)
                .workers(1).failFast(true).itemTimeout(Duration.ofMillis(200)).build());

        assertEquals(List.of("a-slow.txt"), result.failures().stream().map(f -> f.relativePath()).toList());
        assertEquals(0, result.processed());
        assertEquals(2, result.notStarted(), "no file is started after the first failure, a timeout included");
    }

    @Test
    void withoutATimeoutSlowItemsJustTakeLonger() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "a.txt", "300");

        ProcessingResult result = Runs.run(input, root.resolve("out"), SleepsAsTold.class, 1);

        assertTrue(result.succeeded());
    }
}
