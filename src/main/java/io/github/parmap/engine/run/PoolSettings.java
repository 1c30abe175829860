package io.github.parmap.engine.run;

import io.github.parmap.engine.commit.OutputListener;
import io.github.parmap.engine.support.RunLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a worker pool runs its items.
 *
 * @param inputDirectory where the items are, absolute
 * @param outputDirectory where their outputs are committed, absolute
 * @param parameters the processor's parameters
 * @param runners where each worker's items run
 * @param workers how many workers run, at least 1
 * @param maxItemsPerWorker after how many processed items a worker's runner is replaced by a fresh one, or 0 for never
 * @param failFast whether to start no new item after the first failure
 * @param itemTimeout how long one item may run before it fails, or {@code null} for no limit
 * @param progressInterval how often progress is logged
 * @param itemBudget the budget of items in flight shared with other runs in this JVM
 * @param outputListener told about every output committed
 * @param log where messages go
 */
public record PoolSettings(
        Path inputDirectory,
        Path outputDirectory,
        Map<String, String> parameters,
        ItemRunner.Factory runners,
        int workers,
        int maxItemsPerWorker,
        boolean failFast,
        Duration itemTimeout,
        Duration progressInterval,
        ItemBudget itemBudget,
        OutputListener outputListener,
        RunLog log) {}
