package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelismTest {

    /** Long enough that only a real bug makes a barrier time out; a passing run never waits this long. */
    private static final long GENEROUS_TIMEOUT_SECONDS = 60;

    @TempDir
    Path root;

    private Path input;

    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
    static final Set<Integer> WORKERS_SEEN = ConcurrentHashMap.newKeySet();
    static volatile CyclicBarrier barrier;

    @BeforeEach
    void reset() throws Exception {
        input = Files.createDirectories(root.resolve("in"));
        IN_FLIGHT.set(0);
        MAX_IN_FLIGHT.set(0);
        THREADS.clear();
        WORKERS_SEEN.clear();
        barrier = null;
    }

    /**
     * Counts items in flight; when a barrier is set, each item waits there until as many items as the barrier
     * has parties are in flight together.
     */
    public static final class MeetsOthers implements ItemProcessor {
        public MeetsOthers(ProcessorContext context) {
            WORKERS_SEEN.add(context.workers());
        }

        @Override
        public void process(Item item) throws Exception {
            int now = IN_FLIGHT.incrementAndGet();
            MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
            THREADS.add(Thread.currentThread().getName());
            try {
                CyclicBarrier meeting = barrier;
                if (meeting != null) {
                    meeting.await(GENEROUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } else {
                    // Give a wrongly started second item the chance to overlap with this one.
                    Thread.sleep(2);
                }
                Files.writeString(item.output(), item.relativePath());
            } finally {
                IN_FLIGHT.decrementAndGet();
            }
        }
    }

    @Test
    void threeWorkersHaveThreeItemsInFlightAtOnce() throws Exception {
        for (int i = 0; i < 9; i++) {
            Trees.write(input, "f" + i + ".txt", "x");
        }
        barrier = new CyclicBarrier(3);

        ProcessingResult result = Runs.run(input, root.resolve("out"), MeetsOthers.class, 3);

        assertTrue(result.succeeded(), () -> "three items never met at the barrier: " + result);
        assertEquals(9, result.processed());
        assertEquals(3, MAX_IN_FLIGHT.get());
        assertEquals(3, THREADS.size());
        assertEquals(Set.of(3), WORKERS_SEEN);
    }

    @Test
    void oneWorkerProcessesOneItemAtATimeOnOneThread() throws Exception {
        for (int i = 0; i < 12; i++) {
            Trees.write(input, "f" + i + ".txt", "x");
        }

        ProcessingResult result = Runs.run(input, root.resolve("out"), MeetsOthers.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(12, result.processed());
        assertEquals(1, MAX_IN_FLIGHT.get());
        assertEquals(1, THREADS.size());
        assertEquals(1, result.workers());
    }

    @Test
    void noMoreWorkersThanItems() throws Exception {
        Trees.write(input, "a.txt", "x");
        Trees.write(input, "b.txt", "x");
        barrier = new CyclicBarrier(2);

        ProcessingResult result = Runs.run(input, root.resolve("out"), MeetsOthers.class, 8);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(2, result.workers());
        assertEquals(Set.of(2), WORKERS_SEEN, "ProcessorContext.workers() tells the number of workers really running");
    }
}
