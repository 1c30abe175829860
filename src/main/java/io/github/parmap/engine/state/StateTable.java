package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.support.PathIndex;
import io.github.parmap.engine.support.PathSlab;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The entries of a {@link BuildState}, by input path, in a few arrays instead of half a dozen objects per
 * input: at a million inputs that is about a hundred megabytes the collector never copies, where objects
 * made every young collection copy the whole state and the heap grow to several times its size. Each
 * lookup makes its {@link StateEntry} afresh.
 *
 * <p>An input has a slot in a {@link PathIndex}; a slot that is updated keeps its place; a removed slot stays
 * empty until the table is built anew, from the next snapshot. Outputs live in a second set of arrays, each
 * slot naming a run of them; an output at the input's own path shares the input's bytes. Not thread-safe:
 * {@link BuildState} synchronizes.
 */
final class StateTable {
    static final int SHA_BYTES = 32;

    /** The inputs; a slot of the index is the entry's slot in the arrays below. */
    private PathIndex inputs;
    private PathSlab paths;
    private long[] sizes;
    private long[] modified;
    private byte[] shaLengths;
    private byte[] sha256s;
    private int[] firstOutputs;
    private int[] outputCounts;

    private int outputs;
    private long[] outputRefs;
    private long[] outputSizes;
    private long[] outputModified;

    StateTable() {
        clear();
    }

    /** Forgets every entry. */
    void clear() {
        inputs = new PathIndex(0);
        paths = inputs.slab();
        outputs = 0;
        allocate(inputs.capacity());
    }

    /** Makes room for this many entries in all, so that loading a snapshot grows nothing. */
    void reserve(int expected) {
        if (inputs.slotCount() == 0 && expected > inputs.capacity()) {
            inputs = new PathIndex(expected);
            paths = inputs.slab();
            allocate(inputs.capacity());
        }
        inputs.reserve(expected);
        growSlots();
        growOutputs(expected);
    }

    int size() {
        return inputs.size();
    }

    /** @return the entry of an input, or {@code null}; its path is the string asked with */
    StateEntry get(String input) {
        int slot = find(input);
        return slot < 0 ? null : entryAt(slot, input);
    }

    /**
     * Copies an input's entry into a reused holder, making nothing but the paths of outputs that are not at
     * the input's own path.
     *
     * @return whether the input has an entry
     */
    boolean read(String input, RecordedEntry into) {
        int slot = find(input);
        if (slot < 0) {
            return false;
        }
        into.size = sizes[slot];
        into.modified = modified[slot];
        into.shaLength = shaLengths[slot];
        System.arraycopy(sha256s, slot * SHA_BYTES, into.sha256, 0, into.shaLength);
        int count = outputCounts[slot];
        into.reserveOutputs(count);
        long inputRef = inputs.ref(slot);
        for (int i = 0, output = firstOutputs[slot]; i < count; i++, output++) {
            into.outputPaths[i] = outputRefs[output] == inputRef ? input : paths.get(outputRefs[output]);
            into.outputSizes[i] = outputSizes[output];
            into.outputModified[i] = outputModified[output];
        }
        return true;
    }

    /** @return the recorded size of an input, {@code Long.MIN_VALUE} if it has no entry */
    long sizeOf(String input) {
        int slot = find(input);
        return slot < 0 ? Long.MIN_VALUE : sizes[slot];
    }

    /** Records an entry. @return the entry it replaces, or {@code null} */
    StateEntry put(StateEntry entry) {
        if (entry.sha256().length > SHA_BYTES) {
            throw new IllegalArgumentException("a content hash of " + entry.sha256().length + " bytes");
        }
        String input = entry.input();
        int slot = find(input);
        StateEntry previous = null;
        if (slot >= 0) {
            previous = entryAt(slot, input);
        } else {
            slot = newSlot(input);
        }
        sizes[slot] = entry.size();
        modified[slot] = entry.modified();
        shaLengths[slot] = (byte) entry.sha256().length;
        System.arraycopy(entry.sha256(), 0, sha256s, slot * SHA_BYTES, entry.sha256().length);
        writeOutputs(slot, entry.outputs());
        return previous;
    }

    /** Forgets an input. @return its entry, or {@code null} if it had none */
    StateEntry remove(String input) {
        int slot = find(input);
        if (slot < 0) {
            return null;
        }
        StateEntry previous = entryAt(slot, input);
        inputs.remove(slot);
        return previous;
    }

    /** Calls the action with the path of every input that has an entry. */
    void forEachInput(Consumer<String> action) {
        for (int slot = 0; slot < inputs.slotCount(); slot++) {
            if (inputs.isLive(slot)) {
                action.accept(inputs.path(slot));
            }
        }
    }

    /** @return every entry, each made as it is reached */
    Iterable<StateEntry> entries() {
        return () -> new Iterator<>() {
            private int slot = nextLive(0);

            @Override
            public boolean hasNext() {
                return slot < inputs.slotCount();
            }

            @Override
            public StateEntry next() {
                if (slot >= inputs.slotCount()) {
                    throw new NoSuchElementException();
                }
                StateEntry entry = entryAt(slot, inputs.path(slot));
                slot = nextLive(slot + 1);
                return entry;
            }
        };
    }

    private int nextLive(int from) {
        int slot = from;
        while (slot < inputs.slotCount() && !inputs.isLive(slot)) {
            slot++;
        }
        return slot;
    }

    private StateEntry entryAt(int slot, String input) {
        int count = outputCounts[slot];
        CommittedOutput[] recorded = new CommittedOutput[count];
        long inputRef = inputs.ref(slot);
        for (int i = 0, output = firstOutputs[slot]; i < count; i++, output++) {
            String path = outputRefs[output] == inputRef ? input : paths.get(outputRefs[output]);
            recorded[i] = new CommittedOutput(path, outputSizes[output], outputModified[output]);
        }
        int shaFrom = slot * SHA_BYTES;
        byte[] sha256 = Arrays.copyOfRange(sha256s, shaFrom, shaFrom + shaLengths[slot]);
        return new StateEntry(input, sizes[slot], modified[slot], sha256, List.of(recorded));
    }

    /** Writes a slot's outputs over its earlier run when they fit there, reusing the bytes of unchanged paths. */
    private void writeOutputs(int slot, List<CommittedOutput> written) {
        int count = written.size();
        boolean inPlace = count <= outputCounts[slot];
        int first = inPlace ? firstOutputs[slot] : outputs;
        if (!inPlace) {
            if (outputs + count > outputRefs.length) {
                growOutputs(outputs + count);
            }
            outputs += count;
        }
        long inputRef = inputs.ref(slot);
        for (int i = 0; i < count; i++) {
            CommittedOutput output = written.get(i);
            int at = first + i;
            String path = output.path();
            long ref;
            if (paths.matches(inputRef, path)) {
                ref = inputRef;
            } else if (inPlace && outputRefs[at] != inputRef && paths.matches(outputRefs[at], path)) {
                ref = outputRefs[at];
            } else {
                ref = paths.add(path);
            }
            outputRefs[at] = ref;
            outputSizes[at] = output.size();
            outputModified[at] = output.modified();
        }
        firstOutputs[slot] = first;
        outputCounts[slot] = count;
    }

    private int find(String input) {
        return inputs.find(input);
    }

    private int newSlot(String input) {
        int slot = inputs.add(input);
        growSlots();
        firstOutputs[slot] = 0;
        outputCounts[slot] = 0;
        return slot;
    }

    private void allocate(int capacity) {
        sizes = new long[capacity];
        modified = new long[capacity];
        shaLengths = new byte[capacity];
        sha256s = new byte[capacity * SHA_BYTES];
        firstOutputs = new int[capacity];
        outputCounts = new int[capacity];
        outputRefs = new long[capacity];
        outputSizes = new long[capacity];
        outputModified = new long[capacity];
    }

    /** Grows the arrays by slot with the index. */
    private void growSlots() {
        int capacity = inputs.capacity();
        if (capacity <= sizes.length) {
            return;
        }
        sizes = Arrays.copyOf(sizes, capacity);
        modified = Arrays.copyOf(modified, capacity);
        shaLengths = Arrays.copyOf(shaLengths, capacity);
        sha256s = Arrays.copyOf(sha256s, capacity * SHA_BYTES);
        firstOutputs = Arrays.copyOf(firstOutputs, capacity);
        outputCounts = Arrays.copyOf(outputCounts, capacity);
    }

    private void growOutputs(int needed) {
        if (needed <= outputRefs.length) {
            return;
        }
        int capacity = Math.max(needed, outputRefs.length + (outputRefs.length >> 1));
        outputRefs = Arrays.copyOf(outputRefs, capacity);
        outputSizes = Arrays.copyOf(outputSizes, capacity);
        outputModified = Arrays.copyOf(outputModified, capacity);
    }
}
