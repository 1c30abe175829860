package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures how many items a run processes at the same time.
 *
 * <p>Each item stays in {@link #process} until {@code expect} items are in flight together, or
 * {@code holdMillis} have passed, so items that can overlap do overlap and items that run one at a time
 * each leave a window in which an overlap would be seen. Every instance of one run (one per worker, all in
 * the same class loader) shares one {@link Gauge}, keyed by the run's output directory.
 *
 * <p>The output of each item, at its own relative path, reads:
 * <pre>
 * peak=2       highest number of items in flight that the run had reached when this item finished
 * worker=1     the index of the worker that processed the item
 * workers=2    the run's worker count, as the context reports it
 * </pre>
 * The run's peak is the largest {@code peak} over all outputs.
 *
 * <p>Parameters: {@code expect} (default 2) and {@code holdMillis} (default 500).
 */
public class ConcurrencyProbe implements ItemProcessor {
    private static final Map<Path, Gauge> GAUGES = new ConcurrentHashMap<>();

    private final ProcessorContext context;
    private final Gauge gauge;
    private final int expect;
    private final long holdMillis;

    public ConcurrencyProbe(ProcessorContext context) {
        this.context = context;
        this.gauge = GAUGES.computeIfAbsent(context.outputDirectory(), directory -> new Gauge());
        this.expect = Integer.parseInt(context.parameters().getOrDefault("expect", "2"));
        this.holdMillis = Long.parseLong(context.parameters().getOrDefault("holdMillis", "500"));
    }

    @Override
    public void process(Item item) throws Exception {
        int peak = gauge.enterAndHold(expect, holdMillis);
        Files.writeString(item.output(),
                "peak=" + peak + "\nworker=" + context.workerIndex() + "\nworkers=" + context.workers() + "\n");
    }

    /** Counts the items in flight and remembers the highest count. */
    static final class Gauge {
        private int inFlight;
        private int peak;

        /** @return the run's peak so far, taken as the item leaves */
        synchronized int enterAndHold(int expect, long holdMillis) throws InterruptedException {
            inFlight++;
            peak = Math.max(peak, inFlight);
            notifyAll();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(holdMillis);
                long left;
                while (inFlight < expect && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return peak;
            } finally {
                inFlight--;
            }
        }
    }
}
