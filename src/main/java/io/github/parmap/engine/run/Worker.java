package io.github.parmap.engine.run;

import io.github.parmap.engine.cache.ItemCache;
import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.StagingSlot;
import io.github.parmap.engine.commit.WorkItem;
import io.github.parmap.engine.processor.ProcessorCreationException;
import io.github.parmap.engine.report.ItemOutcomes;
import io.github.parmap.engine.report.ProcessorFailure;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.state.UpToDateChecker;
import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.PrintablePaths;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker thread: starts its {@link ItemRunner} on its first item that is not up to date, closes it at
 * the end, and takes the next item until none is left. It records the outcome of every item it takes.
 *
 * <p>The pool's watchdog may time out the item a worker is on: it cancels the item, so that its outputs can
 * no longer be committed, and interrupts the worker, which then records the timeout. A worker that does not
 * return from the item soon after is abandoned and replaced by a fresh one with the same index; the pool
 * records the timeout of the item it was stuck in, whatever the abandoned worker does later is ignored, and
 * its runner is never closed.
 *
 * <p>With {@code maxItemsPerWorker}, the worker closes its runner after that many processed items and
 * starts a fresh one for the next. A runner that is lost ({@link RunnerLostException}, such as a worker JVM
 * that ended) fails its item and is replaced on the next item.
 */
public final class Worker implements Runnable {
    /** How many items in a row may lose their runner before the run stops. */
    static final int LOST_IN_A_ROW_LIMIT = 3;

    private final int index;
    private final PoolShared shared;
    private final WorkerContext context;
    private final StagingSlot staging;
    private volatile Thread thread;

    // Read by the watchdog.
    private volatile WorkItem currentItem;
    private volatile InputFile currentFile;
    private volatile int currentIndex;
    private volatile long currentStart;
    private volatile long timedOutAt;
    private volatile boolean abandoned;
    private volatile boolean finished;
    private final AtomicBoolean holdsBudget = new AtomicBoolean();

    Worker(int index, PoolShared shared) {
        this.index = index;
        this.shared = shared;
        this.staging = new StagingSlot(shared.staging(), shared.staging().newSlot());
        PoolSettings settings = shared.settings();
        this.context = new WorkerContext(settings.parameters(), index, settings.workers(), settings.inputDirectory(),
                settings.outputDirectory(), new RunLogLogger(settings.runners().loggerName(), settings.log()));
    }

    void start() {
        thread = new Thread(this, "parmap-worker-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    int index() {
        return index;
    }

    boolean finished() {
        return finished || abandoned;
    }

    /** @return the relative path of the file this worker processes now, or {@code null}; read from any thread */
    String fileInFlight() {
        InputFile file = currentFile;
        return currentItem == null || file == null ? null : file.relativePath();
    }

    /** @return whether this worker runs on that thread */
    boolean runsOn(Thread candidate) {
        return thread == candidate;
    }

    @Override
    public void run() {
        ItemRunner runner = null;
        int itemsOnRunner = 0;
        int maxItemsPerRunner = shared.settings().maxItemsPerWorker();
        try {
            for (int item; !abandoned && !shared.progress().stopped() && (item = shared.progress().next()) >= 0; ) {
                if (isUpToDate(item)) {
                    continue;
                }
                // The cache comes before the runner is started: a run where every item is a hit never
                // creates a processor.
                CacheLookup lookup = restoreFromCache(item);
                if (lookup.restored()) {
                    continue;
                }
                if (runner == null) {
                    runner = startRunner();
                    itemsOnRunner = 0;
                    if (runner == null) {
                        return;
                    }
                }
                if (!processOne(runner, item, lookup.fingerprint())) {
                    runner = null; // lost, and so not closed
                } else if (maxItemsPerRunner > 0 && ++itemsOnRunner >= maxItemsPerRunner) {
                    close(runner);
                    runner = null;
                }
            }
        } finally {
            if (runner != null && !abandoned) {
                close(runner);
            }
            finished = true;
            synchronized (shared.monitor()) {
                shared.monitor().notifyAll();
            }
        }
    }

    /**
     * Called by the watchdog: cancels the current item and interrupts the worker if the item has run longer
     * than the limit. The worker records the timeout when the processor returns.
     */
    void cancelIfOverdue(long now, Duration limit) {
        WorkItem item = currentItem;
        if (item == null || now - currentStart <= limit.toNanos() || !item.cancel()) {
            return;
        }
        timedOutAt = now;
        thread.interrupt();
    }

    /**
     * Called by the watchdog: whether this worker is still stuck in an item it was told to give up longer ago
     * than the grace period; if so, it is abandoned from now on.
     */
    boolean abandonIfStuck(long now, Duration grace) {
        WorkItem item = currentItem;
        if (abandoned || item == null || !item.cancelled() || timedOutAt == 0 || now - timedOutAt <= grace.toNanos()) {
            return false;
        }
        abandoned = true;
        releaseBudget(); // the stuck item no longer counts; its replacement takes its place
        return true;
    }

    /**
     * Called by the pool once every worker is done: records the timeout of the item an abandoned worker was
     * stuck in, unless the worker managed to record it after all.
     */
    void recordAbandonedItem(Duration limit) {
        InputFile file = currentFile;
        if (abandoned && file != null && shared.outcomes().failed(currentIndex, file.relativePath(), new ItemTimeoutException(limit),
                timedOutAt - currentStart)) {
            forget(file);
        }
    }

    private void releaseBudget() {
        if (holdsBudget.getAndSet(false)) {
            shared.settings().itemBudget().release();
        }
    }

    private ItemRunner startRunner() {
        try {
            return shared.settings().runners().start(context);
        } catch (ProcessorCreationException e) {
            shared.outcomes().processorFailed(new ProcessorFailure(e.getMessage(), e.getCause()));
            shared.progress().stop();
            return null;
        }
    }

    /** Checks an item against the last build's state; one that is not up to date is recorded with the reason. */
    private boolean isUpToDate(int item) {
        InputFile file = shared.items().get(item);
        long start = System.nanoTime();
        try {
            UpToDateChecker.Verdict verdict = shared.checker().check(item, file);
            if (!verdict.upToDate()) {
                shared.outcomes().takenUpBecause(item, verdict.reason());
                return false;
            }
            shared.checker().recordUpToDate(file, verdict);
            done(shared.outcomes().completed(item, ItemOutcomes.Status.UP_TO_DATE, System.nanoTime() - start, 0));
            return true;
        } catch (IOException e) {
            shared.settings().log().warn("Could not check whether " + PrintablePaths.printable(file.relativePath()) + " is up to date ("
                    + e.getMessage() + "); processing it");
            return false;
        }
    }

    private WorkItem newWorkItem(int itemIndex) {
        PoolSettings settings = shared.settings();
        String relativePath = shared.items().get(itemIndex).relativePath();
        return new WorkItem(settings.inputDirectory().resolve(relativePath), relativePath, settings.outputDirectory(), staging,
                shared.claims());
    }

    /**
     * Looks an item up in the build cache and, on a hit, commits and records its outputs as if it had been
     * processed. Any trouble with the cache means the item is processed.
     */
    private CacheLookup restoreFromCache(int itemIndex) {
        if (!shared.cache().enabled()) {
            return CacheLookup.NOT_LOOKED_UP;
        }
        PoolSettings settings = shared.settings();
        InputFile file = shared.items().get(itemIndex);
        WorkItem item = newWorkItem(itemIndex);
        UpToDateChecker.InputFingerprint fingerprint = null;
        long start = System.nanoTime();
        try {
            shared.checker().releaseRecordedOutputs(file, shared.claims());
            fingerprint = shared.checker().fingerprint(file, item.path());
            if (fingerprint == null) { // not incremental: the cache still needs the content hash
                fingerprint = new UpToDateChecker.InputFingerprint(Fingerprints.sha256(item.path()), 0);
            }
            ItemCache.Hit hit = shared.cache().restore(item, fingerprint.sha256());
            if (hit == null) {
                return new CacheLookup(false, fingerprint);
            }
            List<CommittedOutput> committed = item.commit(settings.outputListener());
            shared.checker().recordProcessed(file, fingerprint, committed);
            shared.cache().restored(hit, settings.outputDirectory());
            done(shared.outcomes().completed(itemIndex, ItemOutcomes.Status.RESTORED, System.nanoTime() - start, committed.size()));
            return CacheLookup.RESTORED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(item);
            return new CacheLookup(false, fingerprint);
        } catch (IOException | RuntimeException e) {
            settings.log().warn("Could not restore " + PrintablePaths.printable(file.relativePath()) + " from the cache (" + e.getMessage()
                    + "); processing it");
            discard(item);
            return new CacheLookup(false, fingerprint);
        }
    }

    /** What a cache lookup found: a restored item, or the input's fingerprint it took, to be reused. */
    private record CacheLookup(boolean restored, UpToDateChecker.InputFingerprint fingerprint) {
        static final CacheLookup NOT_LOOKED_UP = new CacheLookup(false, null);
        static final CacheLookup RESTORED = new CacheLookup(true, null);
    }

    /**
     * @param known the input's fingerprint if the cache lookup took it already, or {@code null}
     * @return whether the runner can take another item
     */
    private boolean processOne(ItemRunner runner, int itemIndex, UpToDateChecker.InputFingerprint known) {
        PoolSettings settings = shared.settings();
        InputFile file = shared.items().get(itemIndex);
        String relativePath = file.relativePath();
        WorkItem item = newWorkItem(itemIndex);
        try {
            settings.itemBudget().acquire();
            holdsBudget.set(true);
        } catch (InterruptedException e) {
            shared.progress().stop();
            return true;
        }
        currentFile = file;
        currentIndex = itemIndex;
        currentStart = System.nanoTime();
        currentItem = item;
        try {
            shared.checker().releaseRecordedOutputs(file, shared.claims());
            UpToDateChecker.InputFingerprint fingerprint = known != null ? known : shared.checker().fingerprint(file, item.path());
            runner.run(item);
            List<CommittedOutput> committed = item.commit(settings.outputListener());
            shared.checker().recordProcessed(file, fingerprint, committed);
            if (fingerprint != null) {
                shared.cache().store(relativePath, fingerprint.sha256(), settings.outputDirectory(), committed);
            }
            done(shared.outcomes().completed(itemIndex, ItemOutcomes.Status.PROCESSED, System.nanoTime() - currentStart, committed.size(),
                    item.skipReason()));
            shared.lostInARow().set(0);
            return true;
        } catch (Throwable thrown) {
            // An interrupt meant for this item (its timeout) has done its work; left set, it would close the
            // state's journal channel under the failure record.
            Thread.interrupted();
            discard(item);
            if (shared.staging().removedAtExit()) {
                // The JVM is exiting and took the staging area: the item was cut short, not failed. Recorded as
                // failed, it would retire its earlier outputs and tell the next build it failed.
                shared.progress().stop();
                return true;
            }
            boolean lost = thrown instanceof RunnerLostException;
            Throwable failure = lost ? ((RunnerLostException) thrown).failure() : thrown;
            // A cancelled item timed out: whatever the processor threw on its way out is a consequence of that.
            Throwable cause = item.cancelled() ? new ItemTimeoutException(settings.itemTimeout()) : failure;
            long elapsed = item.cancelled() ? timedOutAt - currentStart : System.nanoTime() - currentStart;
            if (!abandoned && shared.outcomes().failed(itemIndex, relativePath, cause, elapsed)) {
                forget(file);
                shared.progress().itemDone();
                if (settings.failFast() || Failures.isFatal(failure)) {
                    shared.progress().stop();
                }
            }
            if (lost && !item.cancelled()) {
                stopIfLostInARow(failure);
            }
            return !lost;
        } finally {
            currentItem = null;
            releaseBudget();
            Thread.interrupted(); // an interrupt meant for this item must not reach the next one
        }
    }

    /**
     * A runner that ends on item after item, such as a worker JVM that crashes on start of every item or is
     * given too little memory, stops the run after a few instead of being replaced forever.
     */
    private void stopIfLostInARow(Throwable failure) {
        if (shared.lostInARow().incrementAndGet() == LOST_IN_A_ROW_LIMIT) {
            shared.outcomes().processorFailed(new ProcessorFailure("the run stopped: the workers of processor "
                    + shared.settings().runners().processorName() + " ended on " + LOST_IN_A_ROW_LIMIT
                    + " items in a row, without one item done in between; the last: " + Failures.describe(failure), failure));
            shared.progress().stop();
        }
    }

    private void done(boolean counted) {
        if (counted) {
            shared.progress().itemDone();
        }
    }

    private void forget(InputFile file) {
        try {
            shared.checker().recordFailed(file);
        } catch (IOException e) {
            shared.settings().log().warn("Could not record that " + PrintablePaths.printable(file.relativePath()) + " failed: " + e.getMessage());
        }
    }

    private void discard(WorkItem item) {
        try {
            item.discard();
        } catch (IOException e) {
            shared.settings().log().warn("Could not remove the staged outputs of " + PrintablePaths.printable(item.relativePath()) + ": "
                    + e.getMessage() + "; they are removed at the end of the run");
        }
    }

    private void close(ItemRunner runner) {
        try {
            runner.close();
        } catch (Throwable thrown) {
            shared.outcomes().processorFailed(new ProcessorFailure(
                    "processor " + shared.settings().runners().processorName() + " failed to close: " + Failures.describe(thrown), thrown));
        }
    }
}
