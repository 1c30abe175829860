package io.github.parmap.engine.run;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How many items may be in flight at once across every run sharing this budget. Under {@code mvn -T},
 * several modules run parmap at the same time; each asks for its {@code workers}, and together they would
 * multiply the machine. The budget's capacity is the larger of the core count and the largest {@code workers}
 * any running execution asked for: one execution alone always gets what it asked for, several share.
 */
public final class ItemBudget {
    private static final ItemBudget JVM_WIDE = new ItemBudget(Runtime.getRuntime().availableProcessors());

    private final int cores;
    private final Map<Object, Integer> requestedByRun = new IdentityHashMap<>();
    private int inFlight;

    /** @param cores the floor of the capacity, usually the machine's core count */
    public ItemBudget(int cores) {
        this.cores = Math.max(1, cores);
    }

    /**
     * @return the budget shared by every run in this JVM that was loaded with this plugin's classes, which is
     *     every parmap execution of a Maven build whose plugin declarations share their {@code <dependencies>}
     */
    public static ItemBudget jvmWide() {
        return JVM_WIDE;
    }

    public synchronized void register(Object run, int workers) {
        requestedByRun.put(run, workers);
        notifyAll();
    }

    public synchronized void unregister(Object run) {
        requestedByRun.remove(run);
        notifyAll();
    }

    /** Waits until one more item may start. */
    synchronized void acquire() throws InterruptedException {
        while (inFlight >= capacity()) {
            wait();
        }
        inFlight++;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** @return how many items may be in flight now */
    public synchronized int capacity() {
        int largest = cores;
        for (int workers : requestedByRun.values()) {
            largest = Math.max(largest, workers);
        }
        return largest;
    }

    /** @return how many items are in flight now */
    public synchronized int inFlight() {
        return inFlight;
    }
}
