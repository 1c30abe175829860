package io.github.parmap.engine;

import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.commit.OutputListener;
import io.github.parmap.engine.isolation.WorkerJvm;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.run.ItemBudget;
import io.github.parmap.engine.scan.PathFilter;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.RunLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one run needs, fixed before it starts.
 *
 * @param inputDirectory the directory to scan, absolute
 * @param outputDirectory where outputs are committed, absolute
 * @param filter which files under the input directory are items
 * @param processor the processor to run
 * @param parameters the processor's parameters
 * @param workers how many items run at once, at least 1
 * @param failFast whether to start no new item after the first failure
 * @param log where messages go
 * @param progressInterval how often to report progress while the run lasts
 * @param displayBase the directory that paths in messages are shown relative to, such as the project's
 *     base directory
 * @param incremental how to skip what earlier runs already did, or {@code null} to process every item
 * @param outputListener told about every output written or deleted
 * @param itemTimeout how long one item may run before it fails, or {@code null} for no limit
 * @param itemBudget the budget of items in flight this run shares with others
 * @param reportFile where to write the per-file timing report, or {@code null} for none
 * @param cache the build cache to restore items from and store them in, or {@code null} for none
 * @param shard the slice of the items this run processes, or {@code null} for all of them
 * @param workerJvm with process isolation, how each worker's JVM is started; {@code null} runs the
 *     workers as threads of this JVM
 * @param maxItemsPerWorker after how many processed items a worker is replaced (a new JVM, or a new
 *     processor instance without process isolation), or 0 for never
 * @param explain whether to log, for every item an incremental build processes again, why (at INFO; at
 *     DEBUG they are logged without it)
 */
public record ProcessingRequest(
        Path inputDirectory,
        Path outputDirectory,
        PathFilter filter,
        ProcessorDefinition processor,
        Map<String, String> parameters,
        int workers,
        boolean failFast,
        RunLog log,
        Duration progressInterval,
        Path displayBase,
        Incremental incremental,
        OutputListener outputListener,
        Duration itemTimeout,
        ItemBudget itemBudget,
        Path reportFile,
        CacheSettings cache,
        Shard shard,
        WorkerJvm workerJvm,
        int maxItemsPerWorker,
        boolean explain) {

    /** How often progress is reported by default. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    public ProcessingRequest {
        inputDirectory = Objects.requireNonNull(inputDirectory, "inputDirectory").toAbsolutePath().normalize();
        outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory").toAbsolutePath().normalize();
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(processor, "processor");
        parameters = withoutNullValues(parameters);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        Objects.requireNonNull(log, "log");
        progressInterval = progressInterval == null ? DEFAULT_PROGRESS_INTERVAL : progressInterval;
        displayBase = displayBase == null ? inputDirectory : displayBase.toAbsolutePath().normalize();
        outputListener = outputListener == null ? OutputListener.none() : outputListener;
        itemBudget = itemBudget == null ? ItemBudget.jvmWide() : itemBudget;
        if (itemTimeout != null && (itemTimeout.isZero() || itemTimeout.isNegative())) {
            throw new IllegalArgumentException("itemTimeout must be positive, was " + itemTimeout);
        }
        if (maxItemsPerWorker < 0) {
            throw new IllegalArgumentException("maxItemsPerWorker must be 0 (no limit) or more, was " + maxItemsPerWorker);
        }
    }

    /** An empty element such as {@code <width/>} arrives as a null value; processors see it as empty text. */
    private static Map<String, String> withoutNullValues(Map<String, String> parameters) {
        Map<String, String> copy = new TreeMap<>();
        if (parameters != null) {
            parameters.forEach((name, value) -> copy.put(name, value == null ? "" : value));
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param inputDirectory the directory to scan
     * @param outputDirectory where outputs are committed
     * @param processor the processor to run
     * @return a builder with every other setting at its default: all files, no parameters, one worker per
     *     core, fail-fast off, no log, not incremental, no item timeout, the JVM-wide item budget
     */
    public static Builder builder(Path inputDirectory, Path outputDirectory, ProcessorDefinition processor) {
        return new Builder(inputDirectory, outputDirectory, processor);
    }

    /** Builds a {@link ProcessingRequest} step by step. */
    public static final class Builder {
        private final Path inputDirectory;
        private final Path outputDirectory;
        private final ProcessorDefinition processor;
        private PathFilter filter = PathFilter.all();
        private Map<String, String> parameters = Map.of();
        private int workers = Runtime.getRuntime().availableProcessors();
        private boolean failFast;
        private RunLog log = RunLog.silent();
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Path displayBase;
        private Incremental incremental;
        private OutputListener outputListener;
        private Duration itemTimeout;
        private ItemBudget itemBudget;
        private Path reportFile;
        private CacheSettings cache;
        private Shard shard;
        private WorkerJvm workerJvm;
        private int maxItemsPerWorker;
        private boolean explain;

        private Builder(Path inputDirectory, Path outputDirectory, ProcessorDefinition processor) {
            this.inputDirectory = inputDirectory;
            this.outputDirectory = outputDirectory;
            this.processor = processor;
        }

        /** @param value which files are items @return this builder */
        public Builder filter(PathFilter value) {
            this.filter = value;
            return this;
        }

        /** @param value the processor's parameters @return this builder */
        public Builder parameters(Map<String, String> value) {
            this.parameters = value;
            return this;
        }

        /** @param value how many items run at once @return this builder */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /** @param value whether to stop starting items after the first failure @return this builder */
        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /** @param value where messages go @return this builder */
        public Builder log(RunLog value) {
            this.log = value;
            return this;
        }

        /** @param value how often to report progress @return this builder */
        public Builder progressInterval(Duration value) {
            this.progressInterval = value;
            return this;
        }

        /** @param value the directory paths in messages are relative to @return this builder */
        public Builder displayBase(Path value) {
            this.displayBase = value;
            return this;
        }

        /** @param value how to skip what earlier runs did, or {@code null} for none @return this builder */
        public Builder incremental(Incremental value) {
            this.incremental = value;
            return this;
        }

        /** @param value told about every output written or deleted @return this builder */
        public Builder outputListener(OutputListener value) {
            this.outputListener = value;
            return this;
        }

        /** @param value how long one item may run, or {@code null} for no limit @return this builder */
        public Builder itemTimeout(Duration value) {
            this.itemTimeout = value;
            return this;
        }

        /** @param value the budget of items in flight shared with other runs @return this builder */
        public Builder itemBudget(ItemBudget value) {
            this.itemBudget = value;
            return this;
        }

        /** @param value where to write the per-file timing report, or {@code null} @return this builder */
        public Builder reportFile(Path value) {
            this.reportFile = value;
            return this;
        }

        /** @param value the build cache, or {@code null} for none @return this builder */
        public Builder cache(CacheSettings value) {
            this.cache = value;
            return this;
        }

        /** @param value the slice of the items to process, or {@code null} for all @return this builder */
        public Builder shard(Shard value) {
            this.shard = value;
            return this;
        }

        /** @param value how worker JVMs are started, for process isolation; {@code null} for worker threads */
        public Builder workerJvm(WorkerJvm value) {
            this.workerJvm = value;
            return this;
        }

        public Builder explain(boolean value) {
            this.explain = value;
            return this;
        }

        public Builder maxItemsPerWorker(int value) {
            this.maxItemsPerWorker = value;
            return this;
        }

        /** @return the request */
        public ProcessingRequest build() {
            return new ProcessingRequest(inputDirectory, outputDirectory, filter, processor, parameters, workers, failFast, log,
                    progressInterval, displayBase, incremental, outputListener, itemTimeout, itemBudget, reportFile, cache, shard, workerJvm,
                    maxItemsPerWorker, explain);
        }
    }
}
