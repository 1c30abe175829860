package io.github.parmap.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long each item took and how it ended, for the per-item report. Each index is written by the one
 * thread that handles that item; the run reads them after its workers finished.
 */
final class ItemTimings {
    enum Status {
        NOT_STARTED("not started"), PROCESSED("processed"), UP_TO_DATE("up to date"), RESTORED("restored from cache"), FAILED("failed");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private final long[] nanos;
    private final Status[] statuses;

    ItemTimings(int items) {
        nanos = new long[items];
        statuses = new Status[items];
    }

    void record(int item, Status status, long elapsedNanos) {
        nanos[item] = elapsedNanos;
        statuses[item] = status;
    }

    Status status(int item) {
        return statuses[item] == null ? Status.NOT_STARTED : statuses[item];
    }

    long nanos(int item) {
        return nanos[item];
    }

    /** @return the indexes of the processed or failed items that took longest, longest first */
    List<Integer> slowest(int count) {
        List<Integer> worked = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            if (status(i) == Status.PROCESSED || status(i) == Status.FAILED) {
                worked.add(i);
            }
        }
        worked.sort(Comparator.comparingLong((Integer i) -> nanos[i]).reversed());
        return worked.subList(0, Math.min(count, worked.size()));
    }
}
