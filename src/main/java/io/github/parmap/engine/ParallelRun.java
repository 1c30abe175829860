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
        List<String> items = new InputScanner(request.inputDirectory(), request.outputDirectory(), request.filter(), log).scan();
        if (items.isEmpty()) {
            log.info("No files to process in " + display(request.inputDirectory()) + " (none match the includes and excludes)");
            return new ProcessingResult(0, 0, 0, List.of(), List.of(), 0, 0, elapsedSince(start));
        }
        int workers = Math.min(request.workers(), items.size());
        log.info(String.format(Locale.ROOT, "Processing %d file%s from %s to %s with %s on %d worker%s",
                items.size(), plural(items.size()), display(request.inputDirectory()), display(request.outputDirectory()),
                request.processor().name(), workers, plural(workers)));

        Files.createDirectories(request.outputDirectory());
        Progress progress = new Progress(items.size());
        List<Worker> pool = new ArrayList<>(workers);
        try (StagingArea staging = StagingArea.open(request.outputDirectory())) {
            Shared shared = new Shared(items, staging, new OutputClaims(), progress);
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

        List<ItemFailure> failures = new ArrayList<>();
        List<ProcessorFailure> processorFailures = new ArrayList<>();
        int processed = 0;
        int outputs = 0;
        for (Worker worker : pool) {
            failures.addAll(worker.failures);
            processorFailures.addAll(worker.processorFailures);
            processed += worker.processed;
            outputs += worker.outputs;
        }
        failures.sort(Comparator.comparing(ItemFailure::relativePath));
        int notStarted = items.size() - processed - failures.size();
        ProcessingResult result = new ProcessingResult(items.size(), processed, outputs, failures,
                distinctByMessage(processorFailures), notStarted, workers, elapsedSince(start));
        log.info(summary(result));
        return result;
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
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Processed %d of %d file%s in %s (%.1f files/s, %d output%s written)",
                result.processed(), result.itemCount(), plural(result.itemCount()), seconds(result.wallTime().toNanos()),
                result.itemsPerSecond(), result.outputsCommitted(), plural(result.outputsCommitted())));
        line.append(", ").append(result.failures().size()).append(" failed");
        if (result.notStarted() > 0) {
            line.append(", ").append(result.notStarted()).append(" not started");
        }
        return line.toString();
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
    private record Shared(List<String> items, StagingArea staging, OutputClaims claims, Progress progress) {}

    /** One worker thread: owns one processor instance, created on its first item and closed at the end. */
    private final class Worker implements Runnable {
        private final WorkerContext context;
        private final Shared shared;
        private final CountDownLatch finished;
        // Written by this worker's thread only; read after the latch, which orders the reads after the writes.
        private final List<ItemFailure> failures = new ArrayList<>();
        private final List<ProcessorFailure> processorFailures = new ArrayList<>();
        private int processed;
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
                    if (processor == null) {
                        processor = createProcessor();
                        if (processor == null) {
                            return;
                        }
                    }
                    processOne(processor, index);
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

        private void processOne(ItemProcessor processor, int index) {
            String relativePath = shared.items().get(index);
            WorkItem item = new WorkItem(request.inputDirectory().resolve(relativePath), relativePath, request.outputDirectory(),
                    shared.staging().directoryFor(index), shared.claims());
            try {
                processor.process(item);
                outputs += item.commit();
                processed++;
            } catch (Throwable thrown) {
                failures.add(new ItemFailure(relativePath, thrown));
                discard(item);
                // After an error such as OutOfMemoryError the JVM may be unfit to go on; start nothing new.
                if (request.failFast() || thrown instanceof VirtualMachineError) {
                    shared.progress().stop();
                }
            } finally {
                shared.progress().itemDone();
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
