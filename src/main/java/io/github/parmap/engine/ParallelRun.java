package io.github.parmap.engine;

import static io.github.parmap.engine.support.Units.plural;

import io.github.parmap.engine.cache.ItemCache;
import io.github.parmap.engine.commit.StaleOutputs;
import io.github.parmap.engine.isolation.ProcessIsolation;
import io.github.parmap.engine.report.ItemOutcomes;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.report.RunReport;
import io.github.parmap.engine.report.RunSummary;
import io.github.parmap.engine.run.ItemRunner;
import io.github.parmap.engine.run.PoolSettings;
import io.github.parmap.engine.run.WorkerPool;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.scan.InputScanner;
import io.github.parmap.engine.state.BuildState;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.state.RecordedOutputDirectory;
import io.github.parmap.engine.state.StateLoading;
import io.github.parmap.engine.state.StateLock;
import io.github.parmap.engine.state.StateUpToDateChecker;
import io.github.parmap.engine.state.UpToDateChecker;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.PrintablePaths;
import io.github.parmap.engine.support.RealPaths;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs one {@link ProcessingRequest}, the engine's entry point: checks the directories, takes the
 * execution's lock, scans, asks the state what is up to date, hands the rest to a {@link WorkerPool},
 * removes stale outputs, and sums up.
 */
public final class ParallelRun {
    /** A run longer than this names its slowest files in the log. */
    private static final Duration SLOW_RUN = Duration.ofSeconds(5);
    private static final int SLOWEST_LOGGED = 3;

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
                    request.cache() == null ? null : request.cache().localDirectory()), request.filter(), log).scanFiles(request.workers()));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            if (stateLoading != null) {
                stateLoading.abandon();
            }
            throw e;
        }
        try (UpToDateChecker checker = incremental == null ? UpToDateChecker.none() : openChecker(stateLoading.await(), incremental, items);
                ItemCache cache = ItemCache.open(request.cache(), log)) {
            if (items.isEmpty()) {
                log.info("No files to process in " + display(request.inputDirectory()) + " (none match the includes and excludes)");
            }
            ItemOutcomes outcomes = new ItemOutcomes(items.size());
            int workers = Math.min(request.workers(), items.size());
            if (!items.isEmpty()) {
                try (ItemRunner.Factory runners = runners(workers)) {
                    logStart(items.size(), runners.describe(workers), checker.unchangedCount());
                    WorkerPool.run(poolSettings(workers, runners), items, checker, cache, outcomes, start);
                }
            }
            // A run that stopped early keeps its journal, and the next run finishes the bookkeeping.
            int removed = 0;
            if (outcomes.count(ItemOutcomes.Status.NOT_STARTED) == 0) {
                removed = new StaleOutputs(request.outputDirectory(), request.outputListener(), log).deleteUnchanged(checker.orphanedOutputs())
                        .removed();
                checker.commit();
            }
            ProcessingResult result = outcomes.result(removed, workers, elapsedSince(start), cache.statistics());
            if (!items.isEmpty() || removed > 0) {
                log.info(RunSummary.line(result, request.cache() != null && request.cache().enabled(),
                        request.cache() != null && request.cache().remote() != null));
            }
            explain(items, outcomes);
            if (result.processed() > 0 && result.outputsCommitted() == 0) {
                // Legitimate for a validator, but a forgotten {out} or Item.output must not pass unnoticed.
                log.info(request.processor().name() + " wrote no output for any of the " + result.processed() + " file"
                        + plural(result.processed()) + " processed: " + request.processor().howOutputsAreMade());
            }
            if (result.wallTime().compareTo(SLOW_RUN) > 0 && result.processed() + result.failures().size() > 0) {
                log.info("Slowest files: " + RunSummary.slowest(items, outcomes, SLOWEST_LOGGED));
            }
            if (request.reportFile() != null) {
                writeReport(result, items, outcomes);
            }
            return result;
        }
    }

    /** With {@code explain}, or at DEBUG level, one line per item taken up again: the file and why. */
    private void explain(List<InputFile> items, ItemOutcomes outcomes) {
        System.Logger.Level level = request.explain() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        if (!log.isEnabled(level)) {
            return;
        }
        for (int item = 0; item < items.size(); item++) {
            Reason reason = outcomes.reason(item);
            if (reason != null) {
                log.log(level, PrintablePaths.printable(items.get(item).relativePath()) + ": " + reason.words(), null);
            }
        }
    }

    /** Binds the loaded state to this run's output directory, then opens the checks on it; closes the state on failure. */
    private UpToDateChecker openChecker(BuildState state, Incremental incremental, List<InputFile> items) throws IOException {
        try {
            RecordedOutputDirectory.bind(state, incremental.stateDirectory(), request.outputDirectory(), request.outputListener(), log);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
        return StateUpToDateChecker.open(state, incremental, request.inputDirectory(), request.outputDirectory(), log, items);
    }

    /** Worker threads run their items in this JVM, or, with process isolation, each in a JVM of its own. */
    private ItemRunner.Factory runners(int workers) {
        return request.workerJvm() == null ? ItemRunner.inThisJvm(request.processor())
                : new ProcessIsolation(request.processor(), request.workerJvm(), workers, request.maxItemsPerWorker(), log);
    }

    private PoolSettings poolSettings(int workers, ItemRunner.Factory runners) {
        return new PoolSettings(request.inputDirectory(), request.outputDirectory(), request.parameters(), runners, workers,
                request.maxItemsPerWorker(), request.failFast(), request.itemTimeout(), request.progressInterval(), request.itemBudget(),
                request.outputListener(), log);
    }

    private void logStart(int items, String workers, int unchanged) {
        log.info(String.format(Locale.ROOT, "Processing %d file%s from %s to %s with %s on %s%s",
                items, plural(items), display(request.inputDirectory()), display(request.outputDirectory()),
                request.processor().name(), workers,
                unchanged == 0 ? "" : " (" + unchanged + " recorded by the last build are checked first)"));
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

    private void writeReport(ProcessingResult result, List<InputFile> items, ItemOutcomes outcomes) {
        try {
            RunReport.write(request.reportFile(), request.processor().name(), result, items, outcomes);
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

    private String display(Path path) {
        Path base = request.displayBase();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
