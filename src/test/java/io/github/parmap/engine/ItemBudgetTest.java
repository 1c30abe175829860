package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.run.ItemBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs sharing a budget (modules under mvn -T) never have more items in flight than the budget allows. */
@Timeout(60)
class ItemBudgetTest {
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger PEAK = new AtomicInteger();

    @TempDir
    Path root;

    /** Counts items in flight across every run of the test, holding each briefly so that runs overlap. */
    public static final class CountsInFlight implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            int now = IN_FLIGHT.incrementAndGet();
            PEAK.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(15);
                Files.writeString(item.output(), "ok");
            } finally {
                IN_FLIGHT.decrementAndGet();
            }
        }
    }

    @Test
    void sixRunsAtOnceShareABudgetOfTheLargestWorkersAsked() throws Exception {
        IN_FLIGHT.set(0);
        PEAK.set(0);
        ItemBudget budget = new ItemBudget(2);
        ExecutorService reactor = Executors.newFixedThreadPool(6);
        try {
            List<Future<ProcessingResult>> runs = new ArrayList<>();
            for (int module = 0; module < 6; module++) {
                Path input = Files.createDirectories(root.resolve("module-" + module + "/in"));
                for (int i = 0; i < 20; i++) {
                    Trees.write(input, "f" + i + ".txt", "x");
                }
                ProcessingRequest request = Runs.request(input, root.resolve("module-" + module + "/out"), CountsInFlight.class)
                        .workers(3).itemBudget(budget).build();
                runs.add(reactor.submit((Callable<ProcessingResult>) () -> ParallelRun.execute(request)));
            }
            for (Future<ProcessingResult> run : runs) {
                assertTrue(run.get().succeeded());
                assertEquals(20, run.get().processed());
            }
        } finally {
            reactor.shutdownNow();
        }
        assertTrue(PEAK.get() <= 3, "at most max(cores=2, workers=3) items in flight across all runs, saw " + PEAK.get());
        assertEquals(0, budget.inFlight());
    }

    @Test
    void oneRunAloneGetsTheWorkersItAskedForEvenAboveTheCoreCount() throws Exception {
        ItemBudget budget = new ItemBudget(1);
        Object run = new Object();
        budget.register(run, 4);
        assertEquals(4, budget.capacity());
        budget.unregister(run);
        assertEquals(1, budget.capacity());
    }
}
