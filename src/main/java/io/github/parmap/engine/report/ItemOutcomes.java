package io.github.parmap.engine.report;

import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.cache.CacheStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How each item of a run ended and how long it took, and which processor instances failed: the one place a
 * run's outcomes are recorded, and the counts of its {@link ProcessingResult} are taken from.
 *
 * <p>The first outcome recorded for an item stands: a worker that was abandoned after its item timed out and
 * returns later cannot overwrite the timeout.
 */
public final class ItemOutcomes {
    /** How an item ended. */
    public enum Status {
        NOT_STARTED("not started"), PROCESSED("processed"), UP_TO_DATE("up to date"), RESTORED("restored from cache"), FAILED("failed");

        private static final Status[] VALUES = values();
        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** @return the status as the timing report writes it */
        public String text() {
            return text;
        }
    }

    private final AtomicIntegerArray statuses;
    private final long[] nanos;
    /** Written by the worker that took the item, before its outcome; read once the workers are done. */
    private final Reason[] reasons;
    private final LongAdder outputs = new LongAdder();
    /** How many items the processor skipped, by its reason. */
    private final Map<String, Integer> skipped = new ConcurrentHashMap<>();
    private final Queue<ItemFailure> failures = new ConcurrentLinkedQueue<>();
    private final Queue<ProcessorFailure> processorFailures = new ConcurrentLinkedQueue<>();

    /** @param items how many items the run has */
    public ItemOutcomes(int items) {
        statuses = new AtomicIntegerArray(items);
        nanos = new long[items];
        reasons = new Reason[items];
    }

    /**
     * Records an item that completed: processed, up to date or restored.
     *
     * @param committedOutputs how many outputs were committed for it
     * @return whether this was the item's first outcome, so it counts
     */
    public boolean completed(int item, Status status, long elapsedNanos, int committedOutputs) {
        return completed(item, status, elapsedNanos, committedOutputs, null);
    }

    /**
     * Records an item that completed, which the processor may have skipped on purpose.
     *
     * @param skipReason why the processor gave the item no output ({@code "not smaller"}), or {@code null}
     * @return whether this was the item's first outcome, so it counts
     */
    public boolean completed(int item, Status status, long elapsedNanos, int committedOutputs, String skipReason) {
        if (status == Status.FAILED || status == Status.NOT_STARTED) {
            throw new IllegalArgumentException("a completed item cannot be " + status);
        }
        if (!claim(item, status, elapsedNanos)) {
            return false;
        }
        outputs.add(committedOutputs);
        if (skipReason != null) {
            skipped.merge(skipReason, 1, Integer::sum);
        }
        return true;
    }

    /** @return whether this was the item's first outcome, so the failure counts */
    public boolean failed(int item, String relativePath, Throwable cause, long elapsedNanos) {
        if (!claim(item, Status.FAILED, elapsedNanos)) {
            return false;
        }
        failures.add(new ItemFailure(relativePath, cause));
        return true;
    }

    /** Records a processor instance that could not be created or closed. */
    public void processorFailed(ProcessorFailure failure) {
        processorFailures.add(failure);
    }

    private boolean claim(int item, Status status, long elapsedNanos) {
        if (!statuses.compareAndSet(item, Status.NOT_STARTED.ordinal(), status.ordinal())) {
            return false;
        }
        nanos[item] = elapsedNanos;
        return true;
    }

    /** @return whether an outcome was recorded for the item */
    public boolean recorded(int item) {
        return statuses.get(item) != Status.NOT_STARTED.ordinal();
    }

    /** @return how the item ended, {@link Status#NOT_STARTED} if it never did */
    public Status status(int item) {
        return Status.VALUES[statuses.get(item)];
    }

    /** @return how long the item took, in nanoseconds */
    public long nanos(int item) {
        return nanos[item];
    }

    /** @return how many items have this status */
    public int count(Status status) {
        int count = 0;
        for (int i = 0; i < statuses.length(); i++) {
            if (statuses.get(i) == status.ordinal()) {
                count++;
            }
        }
        return count;
    }

    /** @return the indexes of the processed or failed items that took longest, longest first */
    public List<Integer> slowest(int count) {
        List<Integer> worked = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            if (status(i) == Status.PROCESSED || status(i) == Status.FAILED) {
                worked.add(i);
            }
        }
        worked.sort(Comparator.comparingLong((Integer i) -> nanos[i]).reversed());
        return worked.subList(0, Math.min(count, worked.size()));
    }

    /**
     * @param removed how many stale outputs were deleted
     * @param workers how many workers ran
     * @param wallTime how long the run took
     * @param cache what the build cache did
     * @return the run's result, counted from the recorded outcomes
     */
    public ProcessingResult result(int removed, int workers, Duration wallTime, CacheStatistics cache) {
        List<ItemFailure> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparing(ItemFailure::relativePath));
        return new ProcessingResult(statuses.length(), count(Status.PROCESSED), count(Status.UP_TO_DATE), removed, outputs.intValue(),
                sorted, distinctByMessage(processorFailures), count(Status.NOT_STARTED), workers, wallTime, cache, reasonCounts(),
                mostFrequentFirst(skipped));
    }

    /**
     * Records why an incremental build takes an item up again, before its outcome: only the worker that
     * took the item calls this.
     */
    public void takenUpBecause(int item, Reason reason) {
        reasons[item] = reason;
    }

    /** @return why the item was taken up again, or {@code null} if it was up to date or the run keeps no state */
    public Reason reason(int item) {
        Reason reason = reasons[item];
        return statuses.get(item) == Status.UP_TO_DATE.ordinal() || statuses.get(item) == Status.NOT_STARTED.ordinal() ? null : reason;
    }

    /** How many items were taken up again for each reason, the most frequent first. */
    private Map<Reason, Integer> reasonCounts() {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        for (int item = 0; item < reasons.length; item++) {
            Reason reason = reason(item);
            if (reason != null) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        return mostFrequentFirst(counts);
    }

    /** @return the counts ordered by count, the largest first; equal counts keep their key order, or go by name */
    private static <K extends Comparable<K>> Map<K, Integer> mostFrequentFirst(Map<K, Integer> counts) {
        Map<K, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<K, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    private static List<ProcessorFailure> distinctByMessage(Queue<ProcessorFailure> failures) {
        List<ProcessorFailure> distinct = new ArrayList<>();
        for (ProcessorFailure failure : failures) {
            if (distinct.stream().noneMatch(f -> f.message().equals(failure.message()))) {
                distinct.add(failure);
            }
        }
        return distinct;
    }
}
