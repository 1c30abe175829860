package io.github.parmap.engine.run;

import io.github.parmap.engine.cache.ItemCache;
import io.github.parmap.engine.commit.OutputClaims;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.report.ItemOutcomes;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.state.UpToDateChecker;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every worker of one pool shares.
 *
 * @param settings how the pool runs
 * @param items the scanned inputs, in order
 * @param staging where items stage their outputs
 * @param claims which item writes which output
 * @param progress item hand-out and counting
 * @param checker the up-to-date checker
 * @param monitor notified whenever a worker finishes
 * @param outcomes where each item's outcome is recorded
 * @param cache the build cache, which may be a no-op
 * @param lostInARow how many items in a row lost their runner, across the pool; reset by an item that ran
 */
public record PoolShared(
        PoolSettings settings,
        List<InputFile> items,
        StagingArea staging,
        OutputClaims claims,
        Progress progress,
        UpToDateChecker checker,
        Object monitor,
        ItemOutcomes outcomes,
        ItemCache cache,
        AtomicInteger lostInARow) {}
