package io.github.parmap.engine;

import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link ProcessingRequest}: scan, then a fixed set of worker threads that each take the next item
 * until none is left, then the result.
 *
 * <p>Workers pull items from one shared counter instead of a queue of tasks: no per-item allocation on the
 * scheduling path, and an idle worker always takes the next item in order.
 */
public final class ParallelRun {
    /** How long items in flight may take to finish once the build is interrupted. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);

    private final ProcessingRequest request;
    private final RunLog log;

    private ParallelRun(ProcessingRequest request) {
        this.request = request;
        this.log = request.log();
    }

    /**
     * Processes every item of the request.
     *
     * @param request what to process and how
     * @return what happened; item failures are reported here, not thrown
     * @throws InvalidConfigurationException if the input or output directory cannot be used as given
     * @throws IOException if the input directory cannot be scanned or the output directory not prepared
     * @throws InterruptedException if the calling thread is interrupted while waiting for the workers
     */
    public static ProcessingResult execute(ProcessingRequest request)
            throws InvalidConfigurationException, IOException, InterruptedException {
        return new ParallelRun(request).run();
    }

    private ProcessingResult run() throws InvalidConfigurationException, IOException, InterruptedException {
        long start = System.nanoTime();
        checkDirectories();
        Path stateDirectory = request.incremental() == null ? null : request.incremental().stateDirectory();
        List<InputFile> items = shard(new InputScanner(request.inputDirectory(), request.outputDirectory(), stateDirectory, request.filter(), log)
                .scanFiles());
        try (UpToDateChecker checker = request.incremental() == null
                ? UpToDateChecker.none()
                : StateUpToDateChecker.open(request.incremental(), request, items);
                ItemCache cache = ItemCache.open(request.cache(), log)) {
            if (items.isEmpty()) {
                log.info("No files to process in " + display(request.inputDirectory()) + " (none match the includes and excludes)");
            }
            Tally tally = items.isEmpty() ? new Tally(0) : processAll(items, checker, cache, start);
            // A run that stopped early keeps its journal, and the next run finishes the bookkeeping.
            int removed = tally.notStarted(items.size()) == 0 ? checker.finish() : 0;
            ProcessingResult result = tally.result(items.size(), removed, elapsedSince(start), cache.statistics());
            if (!items.isEmpty() || removed > 0) {
                log.info(summary(result));
            }
            return result;
        }
    }

    /** With a shard, only the items of its slice; the state then forgets the others, as if they were deselected. */
    private List<InputFile> shard(List<InputFile> scanned) {
        Shard shard = request.shard();
        if (shard == null) {
            return scanned;
        }
        List<InputFile> selected = shard.select(scanned);
        log.info("Shard " + shard + ": " + selected.size() + " of " + scanned.size() + " file" + plural(scanned.size())
                + " fall in this slice; the other shards process the rest");
        return selected;
    }

    private Tally processAll(List<InputFile> items, UpToDateChecker checker, ItemCache cache, long start)
            throws IOException, InterruptedException {
        int workers = Math.min(request.workers(), items.size());
        int unchanged = checker.unchangedCount();
        log.info(String.format(Locale.ROOT, "Processing %d file%s from %s to %s with %s on %d worker%s%s",
                items.size(), plural(items.size()), display(request.inputDirectory()), display(request.outputDirectory()),
                request.processor().name(), workers, plural(workers),
                unchanged == 0 ? "" : " (" + unchanged + " recorded by the last build are checked first)"));

        Files.createDirectories(request.outputDirectory());
        Progress progress = new Progress(items.size());
        List<Worker> pool = new ArrayList<>(workers);
        try (StagingArea staging = StagingArea.open(request.outputDirectory())) {
            OutputClaims claims = new OutputClaims();
            checker.reserveRecordedOutputs(claims);
            Shared shared = new Shared(items, staging, claims, progress, checker, cache);
            CountDownLatch finished = new CountDownLatch(workers);
            for (int index = 0; index < workers; index++) {
                Worker worker = new Worker(index, workers, shared, finished);
                pool.add(worker);
                Thread thread = new Thread(worker, "parmap-worker-" + index);
                thread.setDaemon(true);
                thread.start();
            }
            awaitWithProgress(finished, progress, start);
        }
        Tally tally = new Tally(workers);
        pool.forEach(tally::add);
        return tally;
    }

    private void checkDirectories() throws InvalidConfigurationException {
        if (!Files.isDirectory(request.inputDirectory())) {
            throw new InvalidConfigurationException("inputDirectory", request.inputDirectory().toString(), "a directory");
        }
        if (request.outputDirectory().equals(request.inputDirectory())) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory other than <inputDirectory>, so that outputs are never read back as inputs");
        }
        if (Files.exists(request.outputDirectory()) && !Files.isDirectory(request.outputDirectory())) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory, or a path where one can be created; a file of that name exists");
        }
    }

    private void awaitWithProgress(CountDownLatch finished, Progress progress, long start) throws InterruptedException {
        long intervalNanos = Math.max(1, request.progressInterval().toNanos());
        try {
            while (!finished.await(intervalNanos, TimeUnit.NANOSECONDS)) {
                log.info(progress.describe(System.nanoTime() - start));
            }
        } catch (InterruptedException interrupted) {
            // Start no new item, and let the items in flight finish before the staging area is removed
            // under them; a processor that does not return within the grace period is left behind.
            progress.stop();
            if (!finished.await(INTERRUPT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("Items still running " + INTERRUPT_GRACE.toSeconds() + " s after the build was interrupted are abandoned");
            }
            throw interrupted;
        }
    }

    private String summary(ProcessingResult result) {
        StringBuilder line = new StringBuilder();
        if (result.itemCount() == 0) {
            return "Removed " + result.removed() + " stale output" + plural(result.removed()) + " of inputs that are gone";
        }
        if (result.processed() == 0 && result.cache().restored() == 0 && result.failures().isEmpty() && result.notStarted() == 0
                && result.itemCount() > 0) {
            line.append(String.format(Locale.ROOT, "%d file%s up to date, 0 processed", result.upToDate(), plural(result.upToDate())));
        } else {
            line.append(String.format(Locale.ROOT, "Processed %d of %d file%s in %s (%.1f files/s, %d output%s written)",
                    result.processed(), result.itemCount(), plural(result.itemCount()), seconds(result.wallTime().toNanos()),
                    result.itemsPerSecond(), result.outputsCommitted(), plural(result.outputsCommitted())));
            if (result.upToDate() > 0) {
                line.append(", ").append(result.upToDate()).append(" up to date");
            }
            if (request.cache() != null && request.cache().enabled()) {
                line.append(cacheSummary(result.cache()));
            }
            line.append(", ").append(result.failures().size()).append(" failed");
            if (result.notStarted() > 0) {
                line.append(", ").append(result.notStarted()).append(" not started");
            }
        }
        if (result.removed() > 0) {
            line.append(", ").append(result.removed()).append(" stale output").append(plural(result.removed())).append(" removed");
        }
        if (result.processed() == 0 && result.cache().restored() == 0 && result.failures().isEmpty() && result.notStarted() == 0
                && result.itemCount() > 0) {
            line.append(" (").append(seconds(result.wallTime().toNanos())).append(")");
        }
        return line.toString();
    }

    private String cacheSummary(CacheStatistics cache) {
        String line = String.format(Locale.ROOT, ", %d restored from the local cache, %d from the remote cache",
                cache.restoredLocal(), cache.restoredRemote());
        if (request.cache().remote() != null) {
            line += " (" + bytes(cache.bytesDownloaded()) + " downloaded, " + bytes(cache.bytesUploaded()) + " uploaded)";
        }
        return line;
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = count;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private String display(Path path) {
        Path base = request.displayBase();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    private static List<ProcessorFailure> distinctByMessage(List<ProcessorFailure> failures) {
        List<ProcessorFailure> distinct = new ArrayList<>();
        for (ProcessorFailure failure : failures) {
            if (distinct.stream().noneMatch(f -> f.message().equals(failure.message()))) {
                distinct.add(failure);
            }
        }
        return distinct;
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }

    /** What all workers of one run share. */
    private record Shared(List<InputFile> items, StagingArea staging, OutputClaims claims, Progress progress, UpToDateChecker checker,
            ItemCache cache) {}

    /** The workers' counts, added up once they are done. */
    private static final class Tally {
        private final int workers;
        private final List<ItemFailure> failures = new ArrayList<>();
        private final List<ProcessorFailure> processorFailures = new ArrayList<>();
        private int processed;
        private int upToDate;
        private int restored;
        private int outputs;

        Tally(int workers) {
            this.workers = workers;
        }

        void add(Worker worker) {
            failures.addAll(worker.failures);
            processorFailures.addAll(worker.processorFailures);
            processed += worker.processed;
            upToDate += worker.upToDate;
            restored += worker.restored;
            outputs += worker.outputs;
        }

        int notStarted(int itemCount) {
            return itemCount - processed - upToDate - restored - failures.size();
        }

        ProcessingResult result(int itemCount, int removed, Duration wallTime, CacheStatistics cache) {
            failures.sort(Comparator.comparing(ItemFailure::relativePath));
            return new ProcessingResult(itemCount, processed, upToDate, removed, outputs, failures, distinctByMessage(processorFailures),
                    notStarted(itemCount), workers, wallTime, cache);
        }
    }

    /** One worker thread: owns one processor instance, created on its first item and closed at the end. */
    private final class Worker implements Runnable {
        private final WorkerContext context;
        private final Shared shared;
        private final CountDownLatch finished;
        // Written by this worker's thread only; read after the latch, which orders the reads after the writes.
        private final List<ItemFailure> failures = new ArrayList<>();
        private final List<ProcessorFailure> processorFailures = new ArrayList<>();
        private int processed;
        private int upToDate;
        private int restored;
        private int outputs;

        Worker(int index, int workers, Shared shared, CountDownLatch finished) {
            this.context = new WorkerContext(request.parameters(), index, workers, request.inputDirectory(),
                    request.outputDirectory(), new RunLogLogger(request.processor().type().getName(), log));
            this.shared = shared;
            this.finished = finished;
        }

        @Override
        public void run() {
            ItemProcessor processor = null;
            try {
                for (int index; !shared.progress().stopped() && (index = shared.progress().next()) >= 0; ) {
                    if (isUpToDate(index)) {
                        continue;
                    }
                    // The cache comes before the processor is created: a run where every item is a hit
                    // never instantiates it.
                    CacheLookup lookup = restoreFromCache(index);
                    if (lookup.restored()) {
                        continue;
                    }
                    if (processor == null) {
                        processor = createProcessor();
                        if (processor == null) {
                            return;
                        }
                    }
                    processOne(processor, index, lookup.fingerprint());
                }
            } finally {
                if (processor != null) {
                    close(processor);
                }
                finished.countDown();
            }
        }

        private ItemProcessor createProcessor() {
            try {
                return request.processor().create(context);
            } catch (ProcessorCreationException e) {
                processorFailures.add(new ProcessorFailure(e.getMessage(), e.getCause()));
                shared.progress().stop();
                return null;
            }
        }

        /** Checks an item against the last build's state; the processor is created only for items that need it. */
        private boolean isUpToDate(int index) {
            InputFile file = shared.items().get(index);
            try {
                if (shared.checker().isUpToDate(file)) {
                    upToDate++;
                    shared.progress().itemDone();
                    return true;
                }
                return false;
            } catch (IOException e) {
                log.warn("Could not check whether " + file.relativePath() + " is up to date (" + e.getMessage() + "); processing it");
                return false;
            }
        }

        /**
         * @param known the input's fingerprint if the cache lookup took it already, or {@code null}
         */
        private void processOne(ItemProcessor processor, int index, UpToDateChecker.InputFingerprint known) {
            InputFile file = shared.items().get(index);
            String relativePath = file.relativePath();
            WorkItem item = newWorkItem(index);
            try {
                shared.checker().releaseRecordedOutputs(file, shared.claims());
                UpToDateChecker.InputFingerprint fingerprint = known != null ? known : shared.checker().fingerprint(file);
                processor.process(item);
                List<StateEntry.Output> committed = item.commit();
                committed.forEach(output -> request.outputListener().written(request.outputDirectory().resolve(output.path())));
                shared.checker().recordProcessed(file, fingerprint, committed);
                outputs += committed.size();
                processed++;
                if (fingerprint != null) {
                    shared.cache().store(relativePath, fingerprint.sha256(), request.outputDirectory(), committed);
                }
            } catch (Throwable thrown) {
                failures.add(new ItemFailure(relativePath, thrown));
                discard(item);
                forget(file);
                // After an error such as OutOfMemoryError the JVM may be unfit to go on; start nothing new.
                if (request.failFast() || thrown instanceof VirtualMachineError) {
                    shared.progress().stop();
                }
            } finally {
                shared.progress().itemDone();
            }
        }

        private WorkItem newWorkItem(int index) {
            String relativePath = shared.items().get(index).relativePath();
            return new WorkItem(request.inputDirectory().resolve(relativePath), relativePath, request.outputDirectory(),
                    shared.staging().directoryFor(index), shared.claims());
        }

        /**
         * Looks an item up in the build cache and, on a hit, commits and records its outputs as if it had been
         * processed. Any trouble with the cache means the item is processed.
         */
        private CacheLookup restoreFromCache(int index) {
            if (!shared.cache().enabled()) {
                return CacheLookup.NOT_LOOKED_UP;
            }
            InputFile file = shared.items().get(index);
            WorkItem item = newWorkItem(index);
            UpToDateChecker.InputFingerprint fingerprint = null;
            try {
                shared.checker().releaseRecordedOutputs(file, shared.claims());
                fingerprint = shared.checker().fingerprint(file);
                if (fingerprint == null) { // not incremental: the cache still needs the content hash
                    fingerprint = new UpToDateChecker.InputFingerprint(Fingerprints.sha256(item.path()), 0);
                }
                ItemCache.Hit hit = shared.cache().restore(item, fingerprint.sha256());
                if (hit == null) {
                    return new CacheLookup(false, fingerprint);
                }
                List<StateEntry.Output> committed = item.commit();
                committed.forEach(output -> request.outputListener().written(request.outputDirectory().resolve(output.path())));
                shared.checker().recordProcessed(file, fingerprint, committed);
                shared.cache().restored(hit, request.outputDirectory());
                outputs += committed.size();
                restored++;
                shared.progress().itemDone();
                return CacheLookup.RESTORED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discard(item);
                return new CacheLookup(false, fingerprint);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not restore " + file.relativePath() + " from the cache (" + e.getMessage() + "); processing it");
                discard(item);
                return new CacheLookup(false, fingerprint);
            }
        }

        private void forget(InputFile file) {
            try {
                shared.checker().recordFailed(file);
            } catch (IOException e) {
                log.warn("Could not record that " + file.relativePath() + " failed: " + e.getMessage());
            }
        }

        private void discard(WorkItem item) {
            try {
                item.discard();
            } catch (IOException e) {
                log.warn("Could not remove the staged outputs of " + item.relativePath() + ": " + e.getMessage()
                        + "; they are removed at the end of the run");
            }
        }

        private void close(ItemProcessor processor) {
            try {
                processor.close();
            } catch (Throwable thrown) {
                processorFailures.add(new ProcessorFailure(
                        "processor " + request.processor().name() + " failed to close: " + Failures.describe(thrown), thrown));
            }
        }
    }

    /**
     * What a cache lookup found.
     *
     * @param restored whether the item's outputs came from the cache
     * @param fingerprint the input's fingerprint, if the lookup took it, for the processing that follows a miss
     */
    private record CacheLookup(boolean restored, UpToDateChecker.InputFingerprint fingerprint) {
        static final CacheLookup NOT_LOOKED_UP = new CacheLookup(false, null);
        static final CacheLookup RESTORED = new CacheLookup(true, null);
    }

    /** Hands out item indexes, counts finished items, and knows whether the run was told to stop. */
    private static final class Progress {
        private final int total;
        private final AtomicInteger nextIndex = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile boolean stopped;

        Progress(int total) {
            this.total = total;
        }

        /** @return the next item's index, or -1 when every item has been handed out */
        int next() {
            int index = nextIndex.getAndIncrement();
            return index < total ? index : -1;
        }

        void itemDone() {
            done.incrementAndGet();
        }

        void stop() {
            stopped = true;
        }

        boolean stopped() {
            return stopped;
        }

        String describe(long elapsedNanos) {
            int finished = done.get();
            double perSecond = finished / (elapsedNanos / 1e9);
            String eta = perSecond > 0 ? ", about " + seconds((long) ((total - finished) / perSecond * 1e9)) + " left" : "";
            return String.format(Locale.ROOT, "Progress: %d/%d files (%d%%), %.1f files/s%s",
                    finished, total, finished * 100L / total, perSecond, eta);
        }
    }
}
