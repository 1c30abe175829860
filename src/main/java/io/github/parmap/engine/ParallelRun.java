package io.github.parmap.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
    /** How long a worker whose item timed out may take to return before it is replaced. */
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(2);
    /** A run longer than this names its slowest files in the log. */
    private static final Duration SLOW_RUN = Duration.ofSeconds(5);
    private static final int SLOWEST_LOGGED = 3;
    /** The finest the watchdog looks at running items. */
    private static final Duration MIN_TICK = Duration.ofMillis(10);

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
        checkDirectories();
        Incremental incremental = request.incremental();
        if (incremental == null) {
            return runAlone(null);
        }
        try (StateLock lock = StateLock.acquire(incremental.stateDirectory(), incremental.lockWait(), log)) {
            return runAlone(incremental);
        }
    }

    /** Runs while no other build of this execution does. */
    private ProcessingResult runAlone(Incremental incremental) throws IOException, InterruptedException {
        long start = System.nanoTime();
        StateLoading stateLoading = incremental == null ? null : StateLoading.start(incremental, log);
        List<InputFile> items;
        try {
            items = shard(new InputScanner(request.inputDirectory(), request.outputDirectory(), Arrays.asList(
                    incremental == null ? null : incremental.stateDirectory(),
                    request.cache() == null ? null : request.cache().localDirectory()), request.filter(), log).scanFiles());
        } catch (IOException | RuntimeException | Error e) {
            if (stateLoading != null) {
                stateLoading.abandon();
            }
            throw e;
        }
        try (UpToDateChecker checker = incremental == null
                ? UpToDateChecker.none()
                : StateUpToDateChecker.open(stateLoading.await(), incremental, request, items);
                ItemCache cache = ItemCache.open(request.cache(), log)) {
            if (items.isEmpty()) {
                log.info("No files to process in " + display(request.inputDirectory()) + " (none match the includes and excludes)");
            }
            ItemTimings timings = new ItemTimings(items.size());
            Tally tally = items.isEmpty() ? new Tally(0) : processAll(items, checker, cache, timings, start);
            // A run that stopped early keeps its journal, and the next run finishes the bookkeeping.
            int removed = tally.notStarted(items.size()) == 0 ? checker.finish() : 0;
            ProcessingResult result = tally.result(items.size(), removed, elapsedSince(start), cache.statistics());
            if (!items.isEmpty() || removed > 0) {
                log.info(summary(result));
            }
            if (result.processed() > 0 && result.outputsCommitted() == 0) {
                // Legitimate for a validator, but a forgotten {out} or Item.output must not pass unnoticed.
                log.info(request.processor().name() + " wrote no output for any of the " + result.processed() + " file"
                        + plural(result.processed()) + " processed: " + request.processor().howOutputsAreMade());
            }
            if (result.wallTime().compareTo(SLOW_RUN) > 0 && result.processed() + result.failures().size() > 0) {
                log.info("Slowest files: " + slowest(items, timings));
            }
            if (request.reportFile() != null) {
                writeReport(result, items, timings);
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

    private Tally processAll(List<InputFile> items, UpToDateChecker checker, ItemCache cache, ItemTimings timings, long start)
            throws IOException, InterruptedException {
        int workers = Math.min(request.workers(), items.size());
        int unchanged = checker.unchangedCount();
        log.info(String.format(Locale.ROOT, "Processing %d file%s from %s to %s with %s on %d worker%s%s",
                items.size(), plural(items.size()), display(request.inputDirectory()), display(request.outputDirectory()),
                request.processor().name(), workers, plural(workers),
                unchanged == 0 ? "" : " (" + unchanged + " recorded by the last build are checked first)"));

        Files.createDirectories(request.outputDirectory());
        Progress progress = new Progress(items.size());
        // Read by the exit watch's shutdown hook while the watchdog adds replacements.
        List<Worker> pool = new CopyOnWriteArrayList<>();
        request.itemBudget().register(this, workers);
        try (StagingArea staging = StagingArea.onFirstUse(request.outputDirectory());
                ExitWatch exitWatch = ExitWatch.start(request.processor().name(), pool, log, staging::removeBeforeHalt)) {
            OutputClaims claims = new OutputClaims(checker::reserveRecordedOutputs);
            RunShared shared = new RunShared(request, items, staging, claims, progress, checker, new Object(), timings, cache);
            for (int index = 0; index < workers; index++) {
                Worker worker = new Worker(index, workers, shared);
                pool.add(worker);
                worker.start();
            }
            supervise(shared, pool, workers, start);
        } finally {
            request.itemBudget().unregister(this);
        }
        Tally tally = new Tally(workers);
        pool.forEach(worker -> worker.addTo(tally));
        return tally;
    }

    /**
     * Waits for the workers, reporting progress and, with an item timeout, failing items that run too long
     * and replacing workers that do not let go of them.
     */
    private void supervise(RunShared shared, List<Worker> pool, int workers, long start) throws InterruptedException {
        Duration timeout = request.itemTimeout();
        long progressNanos = Math.max(1, request.progressInterval().toNanos());
        long tickNanos = timeout == null ? progressNanos : Math.min(progressNanos, Math.max(MIN_TICK.toNanos(), timeout.toNanos() / 10));
        long nextProgress = start + progressNanos;
        try {
            while (true) {
                synchronized (shared.monitor()) {
                    if (allFinished(pool)) {
                        return;
                    }
                    shared.monitor().wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(tickNanos)));
                }
                long now = System.nanoTime();
                if (timeout != null) {
                    enforceTimeout(shared, pool, workers, timeout, now);
                }
                if (now >= nextProgress && !allFinished(pool)) {
                    log.info(shared.progress().describe(now - start));
                    nextProgress = now + progressNanos;
                }
            }
        } catch (InterruptedException interrupted) {
            // Start no new item, and let the items in flight finish before the staging area is removed
            // under them; a processor that does not return within the grace period is left behind.
            shared.progress().stop();
            long deadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
            synchronized (shared.monitor()) {
                while (!allFinished(pool) && System.nanoTime() < deadline) {
                    shared.monitor().wait(100);
                }
            }
            if (!allFinished(pool)) {
                log.warn("Items still running " + INTERRUPT_GRACE.toSeconds() + " s after the build was interrupted are abandoned");
            }
            throw interrupted;
        }
    }

    private void enforceTimeout(RunShared shared, List<Worker> pool, int workers, Duration timeout, long now) {
        for (Worker worker : List.copyOf(pool)) {
            if (worker.finished()) {
                continue;
            }
            worker.expireItem(now, timeout);
            if (worker.abandonIfStuck(now, ABANDON_GRACE)) {
                log.warn("Worker " + worker.index() + " did not stop " + ABANDON_GRACE.toSeconds()
                        + " s after its item timed out; it is abandoned and a new worker takes its place");
                Worker replacement = new Worker(worker.index(), workers, shared);
                pool.add(replacement);
                replacement.start();
            }
        }
    }

    private static boolean allFinished(List<Worker> pool) {
        for (Worker worker : pool) {
            if (!worker.finished()) {
                return false;
            }
        }
        return true;
    }

    private static String slowest(List<InputFile> items, ItemTimings timings) {
        StringBuilder line = new StringBuilder();
        for (int item : timings.slowest(SLOWEST_LOGGED)) {
            line.append(line.length() == 0 ? "" : ", ").append(items.get(item).relativePath()).append(" (")
                    .append(seconds(timings.nanos(item))).append(')');
        }
        return line.toString();
    }

    private void writeReport(ProcessingResult result, List<InputFile> items, ItemTimings timings) {
        try {
            RunReport.write(request.reportFile(), request.processor().name(), result, items, timings);
        } catch (IOException e) {
            log.warn("The timing report is not up to date: " + e.getMessage());
        }
    }

    private void checkDirectories() throws InvalidConfigurationException {
        if (!Files.isDirectory(request.inputDirectory())) {
            throw new InvalidConfigurationException("inputDirectory", request.inputDirectory().toString(), "a directory");
        }
        // Compared as the file system sees them: a link or a bind mount must not let outputs overwrite sources.
        Path input = RealPaths.of(request.inputDirectory());
        Path output = RealPaths.of(request.outputDirectory());
        if (output.equals(input)) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory other than <inputDirectory>, so that outputs are never read back as inputs");
        }
        if (input.startsWith(output)) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory that does not contain <inputDirectory> (" + request.inputDirectory()
                            + "), so that outputs never land among the inputs");
        }
        Incremental incremental = request.incremental();
        if (incremental != null && RealPaths.isWithin(incremental.stateDirectory(), request.outputDirectory())) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory that does not contain parmap's build state (" + incremental.stateDirectory()
                            + "), or the state would be packaged with the outputs");
        }
        if (Files.exists(request.outputDirectory()) && !Files.isDirectory(request.outputDirectory())) {
            throw new InvalidConfigurationException("outputDirectory", request.outputDirectory().toString(),
                    "a directory, or a path where one can be created; a file of that name exists");
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

    /** The workers' counts, added up once they are done. */
    static final class Tally {
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

        void add(List<ItemFailure> itemFailures, List<ProcessorFailure> workerProcessorFailures, int workerProcessed, int workerUpToDate,
                int workerRestored, int workerOutputs) {
            failures.addAll(itemFailures);
            processorFailures.addAll(workerProcessorFailures);
            processed += workerProcessed;
            upToDate += workerUpToDate;
            restored += workerRestored;
            outputs += workerOutputs;
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
}
