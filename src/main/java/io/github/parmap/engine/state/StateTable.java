package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
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
 * <p>An input has a slot; slots are found through an open-addressing index of their path's hash. A slot
 * that is updated keeps its place; a removed slot stays empty until the table is built anew, from the next
 * snapshot. Outputs live in a second set of arrays, each slot naming a run of them; an output at the
 * input's own path shares the input's bytes. Not thread-safe: {@link BuildState} synchronizes.
 */
final class StateTable {
    static final int SHA_BYTES = 32;
    /** In {@link #shaLengths}: the slot holds no entry. */
    private static final byte EMPTY = -1;

    private PathSlab paths;
    private int slots;
    private int live;
    private long[] inputRefs;
    private int[] hashes;
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

    /** Slot + 1 per position, 0 where free; its length is a power of two at least twice {@link #live}. */
    private int[] index;

    StateTable() {
        clear();
    }

    /** Forgets every entry. */
    void clear() {
        paths = new PathSlab(0);
        slots = 0;
        live = 0;
        outputs = 0;
        allocate(16);
        index = new int[32];
    }

    /** Makes room for this many entries in all, so that loading a snapshot grows nothing. */
    void reserve(int expected) {
        if (expected > inputRefs.length) {
            if (slots == 0) {
                paths = new PathSlab(expected * 24);
                allocate(expected);
            } else {
                growSlots(expected);
            }
            growOutputs(expected);
        }
        if ((long) expected * 2 > index.length) {
            rebuildIndex(expected);
        }
    }

    int size() {
        return live;
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
        long inputRef = inputRefs[slot];
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
        removeFromIndex(slot);
        shaLengths[slot] = EMPTY;
        live--;
        return previous;
    }

    /** Calls the action with the path of every input that has an entry. */
    void forEachInput(Consumer<String> action) {
        for (int slot = 0; slot < slots; slot++) {
            if (shaLengths[slot] != EMPTY) {
                action.accept(paths.get(inputRefs[slot]));
            }
        }
    }

    /** @return every entry, each made as it is reached */
    Iterable<StateEntry> entries() {
        return () -> new Iterator<>() {
            private int slot = nextLive(0);

            @Override
            public boolean hasNext() {
                return slot < slots;
            }

            @Override
            public StateEntry next() {
                if (slot >= slots) {
                    throw new NoSuchElementException();
                }
                StateEntry entry = entryAt(slot, paths.get(inputRefs[slot]));
                slot = nextLive(slot + 1);
                return entry;
            }
        };
    }

    private int nextLive(int from) {
        int slot = from;
        while (slot < slots && shaLengths[slot] == EMPTY) {
            slot++;
        }
        return slot;
    }

    private StateEntry entryAt(int slot, String input) {
        int count = outputCounts[slot];
        CommittedOutput[] recorded = new CommittedOutput[count];
        long inputRef = inputRefs[slot];
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
        long inputRef = inputRefs[slot];
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

    // ---- slots and the index ----

    private int find(String input) {
        int hash = input.hashCode();
        int mask = index.length - 1;
        for (int position = spread(hash) & mask; ; position = (position + 1) & mask) {
            int slot = index[position] - 1;
            if (slot < 0) {
                return -1;
            }
            if (hashes[slot] == hash && paths.matches(inputRefs[slot], input)) {
                return slot;
            }
        }
    }

    private int newSlot(String input) {
        if (slots == inputRefs.length) {
            growSlots(slots + (slots >> 1) + 1);
        }
        if ((long) (live + 1) * 2 > index.length) {
            rebuildIndex(live + 1);
        }
        int slot = slots++;
        inputRefs[slot] = paths.add(input);
        hashes[slot] = input.hashCode();
        firstOutputs[slot] = 0;
        outputCounts[slot] = 0;
        live++;
        insert(slot);
        return slot;
    }

    private void insert(int slot) {
        int mask = index.length - 1;
        int position = spread(hashes[slot]) & mask;
        while (index[position] != 0) {
            position = (position + 1) & mask;
        }
        index[position] = slot + 1;
    }

    /** Takes a slot out of the index, moving later entries of its probe run back so that none is cut off. */
    private void removeFromIndex(int slot) {
        int mask = index.length - 1;
        int hole = spread(hashes[slot]) & mask;
        while (index[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        for (int position = (hole + 1) & mask; index[position] != 0; position = (position + 1) & mask) {
            int home = spread(hashes[index[position] - 1]) & mask;
            // The entry at position may fill the hole unless its home lies cyclically in (hole, position].
            boolean homeBetween = hole <= position ? hole < home && home <= position : hole < home || home <= position;
            if (!homeBetween) {
                index[hole] = index[position];
                hole = position;
            }
        }
        index[hole] = 0;
    }

    private void rebuildIndex(int expected) {
        int length = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        index = new int[length];
        for (int slot = 0; slot < slots; slot++) {
            if (shaLengths[slot] != EMPTY) {
                insert(slot);
            }
        }
    }

    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    private void allocate(int capacity) {
        inputRefs = new long[capacity];
        hashes = new int[capacity];
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

    private void growSlots(int capacity) {
        inputRefs = Arrays.copyOf(inputRefs, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
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
