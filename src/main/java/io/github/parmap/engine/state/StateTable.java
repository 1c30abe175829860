package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.support.PathIndex;
import io.github.parmap.engine.support.PathSlab;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

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

    /**
     * Whether each slot was added for a path after the path of the slot before: a table read from a snapshot,
     * which is written in path order, so that a sorted scan finds its slots by one merge instead of a lookup each.
     */
    private boolean slotsInPathOrder;
    /** The path of the slot added last, or -1. */
    private long lastAddedRef;

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
        slotsInPathOrder = true;
        lastAddedRef = -1;
        outputs = 0;
        allocate(inputs.capacity());
    }

    /** Makes room for this many entries in all, so that loading a snapshot grows nothing. */
    void reserve(int expected) {
        if (inputs.slotCount() == 0 && expected > inputs.capacity()) {
            inputs = new PathIndex(expected);
            paths = inputs.slab();
            lastAddedRef = -1;
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
     * Finds the slots of many paths at once.
     *
     * @param count how many paths
     * @param pathOf the paths, best sorted as {@link String#compareTo} orders them: then, if the slots are in
     *     path order too, the two are merged, a comparison per path and slot, with no lookup by hash
     * @return each path's slot, or -1
     */
    int[] slotsOf(int count, IntFunction<String> pathOf) {
        int[] slots = new int[count];
        int slot = slotsInPathOrder ? nextLive(0) : -1;
        String previous = null;
        for (int item = 0; item < count; item++) {
            String path = pathOf.apply(item);
            if (slot < 0 || (previous != null && previous.compareTo(path) >= 0)) {
                slot = -1; // not both sorted: each path is looked up
                slots[item] = find(path);
                continue;
            }
            int order = -1;
            while (slot < inputs.slotCount() && (order = paths.compareTo(inputs.ref(slot), path)) < 0) {
                slot = nextLive(slot + 1);
            }
            if (slot < inputs.slotCount() && order == 0) {
                slots[item] = slot;
                slot = nextLive(slot + 1);
            } else {
                slots[item] = -1;
            }
            previous = path;
        }
        return slots;
    }

    /**
     * Copies the entry of a slot found by {@link #slotsOf} into a reused holder, making nothing but the paths
     * of outputs that are not at the input's own path.
     *
     * @param input the slot's path
     * @return whether the slot holds an entry
     */
    boolean read(int slot, String input, RecordedEntry into) {
        if (slot < 0 || !inputs.isLive(slot)) {
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

    /** @return the recorded size of a live slot found by {@link #slotsOf} */
    long sizeAt(int slot) {
        return sizes[slot];
    }

    /** @return whether an input has an entry */
    boolean contains(String input) {
        return find(input) >= 0;
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

    /**
     * Adds the entry of an input that sorts after every input added so far, as a snapshot lists them, without
     * looking it up: no entry can have its path.
     *
     * @return whether it was added; if not, the input comes out of order, and the caller {@link #put}s it
     */
    boolean append(String input, RecordedEntry entry) {
        if (!slotsInPathOrder || (lastAddedRef >= 0 && paths.compareTo(lastAddedRef, input) >= 0)) {
            return false;
        }
        int slot = newSlot(input);
        sizes[slot] = entry.size;
        modified[slot] = entry.modified;
        shaLengths[slot] = (byte) entry.shaLength;
        System.arraycopy(entry.sha256, 0, sha256s, slot * SHA_BYTES, entry.shaLength);
        int count = entry.outputCount;
        if (outputs + count > outputRefs.length) {
            growOutputs(outputs + count);
        }
        long inputRef = inputs.ref(slot);
        for (int i = 0; i < count; i++) {
            String path = entry.outputPaths[i];
            outputRefs[outputs + i] = path.equals(input) ? inputRef : paths.add(path);
            outputSizes[outputs + i] = entry.outputSizes[i];
            outputModified[outputs + i] = entry.outputModified[i];
        }
        firstOutputs[slot] = outputs;
        outputCounts[slot] = count;
        outputs += count;
        return true;
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

    /** @return every entry in path order, as a snapshot is written, each made as it is reached */
    Iterable<StateEntry> entriesInPathOrder() {
        if (slotsInPathOrder) {
            return entries();
        }
        int[] live = new int[inputs.size()];
        for (int slot = nextLive(0), at = 0; slot < inputs.slotCount(); slot = nextLive(slot + 1)) {
            live[at++] = slot;
        }
        paths.sort(live, inputs::ref);
        return () -> new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
                return at < live.length;
            }

            @Override
            public StateEntry next() {
                if (at >= live.length) {
                    throw new NoSuchElementException();
                }
                int slot = live[at++];
                return entryAt(slot, inputs.path(slot));
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
        long ref = inputs.ref(slot);
        if (lastAddedRef >= 0 && paths.compare(lastAddedRef, ref) >= 0) {
            slotsInPathOrder = false;
        }
        lastAddedRef = ref;
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
