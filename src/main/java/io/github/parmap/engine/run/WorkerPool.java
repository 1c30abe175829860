package io.github.parmap.engine.run;

import io.github.parmap.engine.cache.ItemCache;
import io.github.parmap.engine.commit.OutputClaims;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.report.ItemOutcomes;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.state.UpToDateChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads that each take the next item until none is left, watched over by the
 * calling thread: it logs progress and, with an item timeout, cancels items that run too long and replaces
 * workers that do not let go of them.
 *
 * <p>Workers pull items from one shared counter instead of a queue of tasks: no per-item allocation on the
 * scheduling path, and an idle worker always takes the next item in order.
 */
public final class WorkerPool {
    /** How long items in flight may take to finish once the build is interrupted. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);
    /** How long a worker whose item timed out may take to return before it is replaced. */
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(2);
    /** The finest the watchdog looks at running items. */
    private static final Duration MIN_TICK = Duration.ofMillis(10);

    private final PoolSettings settings;
    private final List<Worker> workers = new CopyOnWriteArrayList<>(); // read by the exit watch's shutdown hook

    private WorkerPool(PoolSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs every item on the pool and records each one's outcome.
     *
     * @param settings how the pool runs; {@code workers} is at most the number of items
     * @param items the items, at least one
     * @param checker decides which items are up to date and records the others
     * @param cache where items may be restored from and are stored in
     * @param outcomes where each item's outcome is recorded
     * @param start when the run started, from {@link System#nanoTime()}, for progress
     * @throws InterruptedException if the calling thread is interrupted; the items in flight get a grace
     *     period to finish first
     */
    public static void run(PoolSettings settings, List<InputFile> items, UpToDateChecker checker, ItemCache cache, ItemOutcomes outcomes,
            long start) throws IOException, InterruptedException {
        new WorkerPool(settings).runAll(items, checker, cache, outcomes, start);
    }

    private void runAll(List<InputFile> items, UpToDateChecker checker, ItemCache cache, ItemOutcomes outcomes, long start)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.outputDirectory());
        settings.itemBudget().register(this, settings.workers());
        try (StagingArea staging = StagingArea.onFirstUse(settings.outputDirectory());
                ExitWatch exitWatch = ExitWatch.start(settings.runners().processorName(), workers, settings.log(), staging::removeBeforeHalt)) {
            OutputClaims claims = new OutputClaims(checker::reserveRecordedOutputs, items.size());
            PoolShared shared = new PoolShared(settings, items, staging, claims, new Progress(items.size()), checker, new Object(), outcomes,
                    cache, new AtomicInteger());
            for (int index = 0; index < settings.workers(); index++) {
                startWorker(index, shared);
            }
            supervise(shared, start);
        } finally {
            settings.itemBudget().unregister(this);
        }
        if (settings.itemTimeout() != null) {
            workers.forEach(worker -> worker.recordAbandonedItem(settings.itemTimeout()));
        }
    }

    private void startWorker(int index, PoolShared shared) {
        Worker worker = new Worker(index, shared);
        workers.add(worker);
        worker.start();
    }

    private void supervise(PoolShared shared, long start) throws InterruptedException {
        Duration timeout = settings.itemTimeout();
        long progressNanos = Math.max(1, settings.progressInterval().toNanos());
        long tickNanos = timeout == null ? progressNanos : Math.min(progressNanos, Math.max(MIN_TICK.toNanos(), timeout.toNanos() / 10));
        long nextProgress = start + progressNanos;
        try {
            while (true) {
                synchronized (shared.monitor()) {
                    if (allFinished()) {
                        return;
                    }
                    shared.monitor().wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(tickNanos)));
                }
                long now = System.nanoTime();
                if (timeout != null) {
                    enforceTimeout(shared, timeout, now);
                }
                if (now >= nextProgress && !allFinished()) {
                    settings.log().info(shared.progress().describe(now - start));
                    nextProgress = now + progressNanos;
                }
            }
        } catch (InterruptedException interrupted) {
            // Start no new item, and let the items in flight finish before the staging area is removed
            // under them; a processor that does not return within the grace period is left behind.
            shared.progress().stop();
            long deadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
            synchronized (shared.monitor()) {
                while (!allFinished() && System.nanoTime() < deadline) {
                    shared.monitor().wait(100);
                }
            }
            if (!allFinished()) {
                settings.log().warn("Items still running " + INTERRUPT_GRACE.toSeconds() + " s after the build was interrupted are abandoned");
            }
            throw interrupted;
        }
    }

    private void enforceTimeout(PoolShared shared, Duration timeout, long now) {
        for (Worker worker : List.copyOf(workers)) {
            if (worker.finished()) {
                continue;
            }
            worker.cancelIfOverdue(now, timeout);
            if (worker.abandonIfStuck(now, ABANDON_GRACE)) {
                settings.log().warn("Worker " + worker.index() + " did not stop " + ABANDON_GRACE.toSeconds()
                        + " s after its item timed out; it is abandoned and a new worker takes its place");
                startWorker(worker.index(), shared);
            }
        }
    }

    private boolean allFinished() {
        for (Worker worker : workers) {
            if (!worker.finished()) {
                return false;
            }
        }
        return true;
    }
}
