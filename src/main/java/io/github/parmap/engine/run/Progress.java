package io.github.parmap.engine.run;

import io.github.parmap.engine.support.Units;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out item indexes, counts finished items, and knows whether the run was told to stop. */
public final class Progress {
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
        String eta = perSecond > 0 ? ", about " + Units.seconds((long) ((total - finished) / perSecond * 1e9)) + " left" : "";
        return String.format(Locale.ROOT, "Progress: %d/%d files (%d%%), %.1f files/s%s",
                finished, total, finished * 100L / total, perSecond, eta);
    }
}
