package io.github.parmap.engine.commit;

import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.PrintablePaths;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/** Which item writes which output, so that two items writing one output path are caught and named. */
public final class OutputClaims {
    private final ConcurrentMap<String, String> ownerByOutput = new ConcurrentHashMap<>();
    /** Reserves the outputs of the last build before the first claim or release; {@code null} once done. */
    private volatile Consumer<OutputClaims> reservations;

    public OutputClaims() {
        this(null);
    }

    /**
     * @param reservations reserves what earlier builds wrote (see {@link #reserve}); called once, when an item
     *     first claims or releases an output, so that a run where every item is up to date never pays for it
     */
    public OutputClaims(Consumer<OutputClaims> reservations) {
        this.reservations = reservations;
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
        // An output at its input's own path holds one string, not two: a first build claims every output.
        String owner = ownerByOutput.putIfAbsent(output, item.equals(output) ? output : item);
        if (owner != null && !owner.equals(item)) {
            throw new OutputConflictException(output, owner, item);
        }
    }

    /**
     * Holds an output for the item that wrote it in an earlier build, so that another item claiming it is
     * caught even while the owner is up to date and never runs.
     */
    public void reserve(String output, String item) {
        ownerByOutput.putIfAbsent(output, item);
    }

    /** Gives up an item's reservation before the item is processed again and claims what it writes now. */
    public void release(String output, String item) {
        reserveRecordedOutputs();
        ownerByOutput.remove(output, item);
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
