package io.github.parmap.engine.report;

import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.cache.CacheStatistics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did.
 *
 * @param itemCount how many items the scan found
 * @param processed how many items completed and had their outputs committed
 * @param upToDate how many items were skipped because an earlier run's outputs are still valid
 * @param removed how many stale outputs were deleted (of inputs deleted, deselected, changed or failed)
 * @param outputsCommitted how many output files were committed
 * @param failures the items that failed, sorted by relative path
 * @param processorFailures processor instances that could not be created or closed
 * @param notStarted items never started because the run stopped early (fail-fast, or a processor that
 *     could not be created)
 * @param workers how many workers ran
 * @param wallTime how long processing took, scan included
 * @param cache what the build cache did; items restored from it count neither as processed nor as up to date
 * @param redone why the items an incremental build did not find up to date were taken up again: how many
 *     for each reason, the most frequent first; empty without incremental builds
 * @param skipped how many processed items the processor skipped on purpose, writing nothing, for each reason
 *     it gave ({@code not smaller}), the most frequent first
 */
public record ProcessingResult(
        int itemCount,
        int processed,
        int upToDate,
        int removed,
        int outputsCommitted,
        List<ItemFailure> failures,
        List<ProcessorFailure> processorFailures,
        int notStarted,
        int workers,
        Duration wallTime,
        CacheStatistics cache,
        Map<Reason, Integer> redone,
        Map<String, Integer> skipped) {

    public ProcessingResult {
        failures = List.copyOf(failures);
        processorFailures = List.copyOf(processorFailures);
        cache = cache == null ? CacheStatistics.NONE : cache;
        redone = redone == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(redone));
        skipped = skipped == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** A result of a run without a build cache. */
    public ProcessingResult(int itemCount, int processed, int upToDate, int removed, int outputsCommitted, List<ItemFailure> failures,
            List<ProcessorFailure> processorFailures, int notStarted, int workers, Duration wallTime) {
        this(itemCount, processed, upToDate, removed, outputsCommitted, failures, processorFailures, notStarted, workers, wallTime,
                CacheStatistics.NONE, Map.of(), Map.of());
    }

    /** @return whether every item completed and every processor was created and closed cleanly */
    public boolean succeeded() {
        return failures.isEmpty() && processorFailures.isEmpty() && notStarted == 0;
    }

    /** @return whether every item was up to date: nothing was processed, restored, failed or left out */
    public boolean allUpToDate() {
        return itemCount > 0 && upToDate == itemCount;
    }

    /** @return items completed per second of wall time */
    public double itemsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds > 0 ? processed / seconds : 0;
    }
}
