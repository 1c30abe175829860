package io.github.parmap.engine.commit;

import io.github.parmap.engine.support.PathIndex;
import io.github.parmap.engine.support.PathSlab;
import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.PrintablePaths;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Which item writes which output, so that two items writing one output path are caught and named.
 *
 * <p>A first build claims every output it writes, so the claims are kept as a {@link PathIndex} and one
 * array of owners rather than a map of strings: at a million outputs that is tens of megabytes instead of
 * well over a hundred, and nothing the collector has to trace. An output at its owner's own path stores the
 * path once.
 */
public final class OutputClaims {
    private final int expectedOutputs;
    /** Made on the first claim or reservation: a run where every item is up to date holds nothing here. */
    private PathIndex outputs;
    private PathSlab paths;
    /** Per slot of {@link #outputs}: the slab reference of the owning item's path. */
    private long[] owners;
    /** The reference of the last owner kept apart from its outputs, or -1. */
    private long lastOwner = -1;
    /** Reserves the outputs of the last build before the first claim or release; {@code null} once done. */
    private volatile Consumer<OutputClaims> reservations;

    public OutputClaims() {
        this(null, 0);
    }

    /**
     * @param reservations reserves what earlier builds wrote (see {@link #reserve}); called once, when an item
     *     first claims or releases an output, so that a run where every item is up to date never pays for it
     * @param expectedOutputs how many outputs to make room for at once, such as one per item
     */
    public OutputClaims(Consumer<OutputClaims> reservations, int expectedOutputs) {
        this.reservations = reservations;
        this.expectedOutputs = expectedOutputs;
    }

    private void reserveRecordedOutputs() {
        if (reservations != null) {
            synchronized (this) {
                Consumer<OutputClaims> pending = reservations;
                if (pending != null) {
                    pending.accept(this);
                    reservations = null;
                }
            }
        }
    }

    /**
     * @param output the canonical relative output path
     * @param item the claiming item's relative path
     * @throws OutputConflictException if another item already claimed the output
     */
    void claim(String output, String item) {
        reserveRecordedOutputs();
        synchronized (this) {
            int slot = find(output);
            if (slot < 0) {
                add(output, item);
            } else if (!paths.matches(owners[slot], item)) {
                throw new OutputConflictException(output, paths.get(owners[slot]), item);
            }
        }
    }

    /**
     * Holds an output for the item that wrote it in an earlier build, so that another item claiming it is
     * caught even while the owner is up to date and never runs.
     */
    public synchronized void reserve(String output, String item) {
        if (find(output) < 0) {
            add(output, item);
        }
    }

    /** Gives up an item's reservation before the item is processed again and claims what it writes now. */
    public void release(String output, String item) {
        reserveRecordedOutputs();
        synchronized (this) {
            int slot = find(output);
            if (slot >= 0 && paths.matches(owners[slot], item)) {
                outputs.remove(slot);
            }
        }
    }

    private int find(String output) {
        return outputs == null ? -1 : outputs.find(output);
    }

    private void add(String output, String item) {
        if (outputs == null) {
            outputs = new PathIndex(expectedOutputs);
            paths = outputs.slab();
            owners = new long[outputs.capacity()];
        }
        int slot = outputs.add(output);
        if (outputs.capacity() > owners.length) {
            owners = Arrays.copyOf(owners, outputs.capacity());
        }
        if (output.equals(item)) {
            owners[slot] = outputs.ref(slot);
        } else {
            // An item's outputs are claimed one after another (precompress writes three): its path is kept once.
            if (lastOwner < 0 || !paths.matches(lastOwner, item)) {
                lastOwner = paths.add(item);
            }
            owners[slot] = lastOwner;
        }
    }

    /** Two items asked for the same output path. */
    static final class OutputConflictException extends PlainMessageException {
        private static final long serialVersionUID = 1L;

        OutputConflictException(String output, String firstItem, String secondItem) {
            super("output '" + PrintablePaths.printable(output) + "' is written by both '" + PrintablePaths.printable(firstItem) + "' and '"
                    + PrintablePaths.printable(secondItem)
                    + "'; each output path may come from one input only");
        }
    }
}
