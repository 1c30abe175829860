package io.github.parmap.engine;

import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker thread: owns one processor instance, created on its first item that is not up to date and
 * closed at the end, and takes the next item until none is left.
 *
 * <p>The run's watchdog may time out the item a worker is on: the item is failed and its outputs can no
 * longer be committed, and the worker is interrupted. A worker that does not return from the item soon after
 * is abandoned and replaced by a fresh one with the same index; whatever the abandoned one does later is
 * ignored, and its processor instance is never closed.
 */
final class Worker implements Runnable {
    private final int index;
    private final RunShared shared;
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

    // Guarded by this: written by the worker's thread and by the watchdog, read by the run at the end.
    private final List<ItemFailure> failures = new ArrayList<>();
    private final List<ProcessorFailure> processorFailures = new ArrayList<>();
    private int processed;
    private int upToDate;
    private int restored;
    private int outputs;

    Worker(int index, int workers, RunShared shared) {
        this.index = index;
        this.shared = shared;
        this.staging = new StagingSlot(shared.staging(), shared.staging().newSlot());
        ProcessingRequest request = shared.request();
        this.context = new WorkerContext(request.parameters(), index, workers, request.inputDirectory(), request.outputDirectory(),
                new RunLogLogger(request.processor().type().getName(), request.log()));
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
        ItemProcessor processor = null;
        try {
            for (int item; !abandoned && !shared.progress().stopped() && (item = shared.progress().next()) >= 0; ) {
                if (isUpToDate(item)) {
                    continue;
                }
                // The cache comes before the processor is created: a run where every item is a hit never
                // instantiates it.
                CacheLookup lookup = restoreFromCache(item);
                if (lookup.restored()) {
                    continue;
                }
                if (processor == null) {
                    processor = createProcessor();
                    if (processor == null) {
                        return;
                    }
                }
                processOne(processor, item, lookup.fingerprint());
            }
        } finally {
            if (processor != null && !abandoned) {
                close(processor);
            }
            finished = true;
            synchronized (shared.monitor()) {
                shared.monitor().notifyAll();
            }
        }
    }

    /**
     * Called by the watchdog: fails the current item if it has run longer than the limit.
     *
     * @return whether an item was timed out just now
     */
    boolean expireItem(long now, Duration limit) {
        WorkItem item = currentItem;
        InputFile file = currentFile;
        if (item == null || now - currentStart <= limit.toNanos() || !item.cancel()) {
            return false;
        }
        timedOutAt = now;
        shared.timings().record(currentIndex, ItemTimings.Status.FAILED, now - currentStart);
        synchronized (this) {
            failures.add(new ItemFailure(file.relativePath(), new ItemTimeoutException(limit)));
        }
        forget(file);
        shared.progress().itemDone();
        thread.interrupt();
        return true;
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

    private void releaseBudget() {
        if (holdsBudget.getAndSet(false)) {
            shared.request().itemBudget().release();
        }
    }

    synchronized void addTo(ParallelRun.Tally tally) {
        tally.add(failures, processorFailures, processed, upToDate, restored, outputs);
    }

    private ItemProcessor createProcessor() {
        try {
            return shared.request().processor().create(context);
        } catch (ProcessorCreationException e) {
            synchronized (this) {
                processorFailures.add(new ProcessorFailure(e.getMessage(), e.getCause()));
            }
            shared.progress().stop();
            return null;
        }
    }

    /** Checks an item against the last build's state. */
    private boolean isUpToDate(int item) {
        InputFile file = shared.items().get(item);
        long start = System.nanoTime();
        try {
            if (shared.checker().isUpToDate(file)) {
                shared.timings().record(item, ItemTimings.Status.UP_TO_DATE, System.nanoTime() - start);
                synchronized (this) {
                    upToDate++;
                }
                shared.progress().itemDone();
                return true;
            }
            return false;
        } catch (IOException e) {
            shared.log().warn("Could not check whether " + PrintablePaths.printable(file.relativePath()) + " is up to date (" + e.getMessage() + "); processing it");
            return false;
        }
    }

    private WorkItem newWorkItem(int itemIndex) {
        ProcessingRequest request = shared.request();
        String relativePath = shared.items().get(itemIndex).relativePath();
        return new WorkItem(request.inputDirectory().resolve(relativePath), relativePath, request.outputDirectory(),
                staging, shared.claims());
    }

    /**
     * Looks an item up in the build cache and, on a hit, commits and records its outputs as if it had been
     * processed. Any trouble with the cache means the item is processed.
     */
    private CacheLookup restoreFromCache(int itemIndex) {
        if (!shared.cache().enabled()) {
            return CacheLookup.NOT_LOOKED_UP;
        }
        ProcessingRequest request = shared.request();
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
            List<StateEntry.Output> committed = item.commit(request.outputListener());
            shared.checker().recordProcessed(file, fingerprint, committed);
            shared.cache().restored(hit, request.outputDirectory());
            shared.timings().record(itemIndex, ItemTimings.Status.RESTORED, System.nanoTime() - start);
            synchronized (this) {
                outputs += committed.size();
                restored++;
            }
            shared.progress().itemDone();
            return CacheLookup.RESTORED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(item);
            return new CacheLookup(false, fingerprint);
        } catch (IOException | RuntimeException e) {
            shared.log().warn("Could not restore " + PrintablePaths.printable(file.relativePath()) + " from the cache (" + e.getMessage() + "); processing it");
            discard(item);
            return new CacheLookup(false, fingerprint);
        }
    }

    /** What a cache lookup found: a restored item, or the input's fingerprint it took, to be reused. */
    private record CacheLookup(boolean restored, UpToDateChecker.InputFingerprint fingerprint) {
        static final CacheLookup NOT_LOOKED_UP = new CacheLookup(false, null);
        static final CacheLookup RESTORED = new CacheLookup(true, null);
    }

    /** @param known the input's fingerprint if the cache lookup took it already, or {@code null} */
    private void processOne(ItemProcessor processor, int itemIndex, UpToDateChecker.InputFingerprint known) {
        ProcessingRequest request = shared.request();
        InputFile file = shared.items().get(itemIndex);
        String relativePath = file.relativePath();
        WorkItem item = newWorkItem(itemIndex);
        try {
            request.itemBudget().acquire();
            holdsBudget.set(true);
        } catch (InterruptedException e) {
            shared.progress().stop();
            return;
        }
        currentFile = file;
        currentIndex = itemIndex;
        currentStart = System.nanoTime();
        currentItem = item;
        try {
            shared.checker().releaseRecordedOutputs(file, shared.claims());
            UpToDateChecker.InputFingerprint fingerprint = known != null ? known : shared.checker().fingerprint(file, item.path());
            processor.process(item);
            List<StateEntry.Output> committed = item.commit(request.outputListener());
            shared.checker().recordProcessed(file, fingerprint, committed);
            if (fingerprint != null) {
                shared.cache().store(relativePath, fingerprint.sha256(), request.outputDirectory(), committed);
            }
            shared.timings().record(itemIndex, ItemTimings.Status.PROCESSED, System.nanoTime() - currentStart);
            synchronized (this) {
                outputs += committed.size();
                processed++;
            }
            shared.progress().itemDone();
        } catch (Throwable thrown) {
            discard(item);
            if (!item.cancelled()) { // a timed-out item was failed by the watchdog already
                shared.timings().record(itemIndex, ItemTimings.Status.FAILED, System.nanoTime() - currentStart);
                synchronized (this) {
                    failures.add(new ItemFailure(relativePath, thrown));
                }
                forget(file);
                shared.progress().itemDone();
                if (request.failFast() || Failures.isFatal(thrown)) {
                    shared.progress().stop();
                }
            }
        } finally {
            currentItem = null;
            releaseBudget();
            Thread.interrupted(); // an interrupt meant for this item must not reach the next one
        }
    }

    private void forget(InputFile file) {
        try {
            shared.checker().recordFailed(file);
        } catch (IOException e) {
            shared.log().warn("Could not record that " + PrintablePaths.printable(file.relativePath()) + " failed: " + e.getMessage());
        }
    }

    private void discard(WorkItem item) {
        try {
            item.discard();
        } catch (IOException e) {
            shared.log().warn("Could not remove the staged outputs of " + PrintablePaths.printable(item.relativePath()) + ": " + e.getMessage()
                    + "; they are removed at the end of the run");
        }
    }

    private void close(ItemProcessor processor) {
        try {
            processor.close();
        } catch (Throwable thrown) {
            synchronized (this) {
                processorFailures.add(new ProcessorFailure(
                        "processor " + shared.request().processor().name() + " failed to close: " + Failures.describe(thrown), thrown));
            }
        }
    }
}
