package io.github.parmap.engine.support;

import java.util.Arrays;

/**
 * A set of distinct paths, each given a slot number, kept as a {@link PathSlab} and a few arrays: the key
 * of the tables that hold something per file for a million files without an object per file. Owners keep
 * their values in arrays of their own, indexed by slot.
 *
 * <p>Slots are handed out in order and never reused: a removed path leaves its slot dead until the owner
 * builds a new index. Lookups go through an open-addressing table of the paths' hashes, with linear probing
 * and deletion by moving later entries back. Not thread-safe: its owner synchronizes.
 */
public final class PathIndex {
    /** In {@link #refs}: the slot's path was removed. A live reference is never negative. */
    private static final long REMOVED = -1;
    private static final int BYTES_PER_PATH = 24;

    private final PathSlab paths;
    private long[] refs;
    private int[] hashes;
    private int slots;
    private int live;
    /**
     * Slot + 1 per position, 0 where free; its length is a power of two at least twice {@link #live}. Made at
     * the first lookup: a state read from a snapshot and matched to a sorted scan by merging may never need it.
     */
    private int[] table;

    /** @param expected how many paths to make room for at once */
    public PathIndex(int expected) {
        int capacity = Math.max(16, expected);
        paths = new PathSlab(capacity * BYTES_PER_PATH);
        refs = new long[capacity];
        hashes = new int[capacity];
    }

    /** @return the storage of the paths, where an owner may keep other strings beside them */
    public PathSlab slab() {
        return paths;
    }

    /** @return how many paths are in the index */
    public int size() {
        return live;
    }

    /** @return how many slots were handed out, dead ones included: slots are below this */
    public int slotCount() {
        return slots;
    }

    /** @return the number of slots the index holds before it grows: owners size their arrays by it */
    public int capacity() {
        return refs.length;
    }

    /** Makes room for this many paths in all, so that filling the index grows nothing. */
    public void reserve(int expected) {
        if (expected > refs.length) {
            growSlots(expected);
        }
        if (table != null && (long) expected * 2 > table.length) {
            rebuildTable(expected);
        }
    }

    /** @return the slot of a path, or -1 */
    public int find(String path) {
        if (table == null) {
            rebuildTable(refs.length);
        }
        int hash = path.hashCode();
        int mask = table.length - 1;
        for (int position = spread(hash) & mask; ; position = (position + 1) & mask) {
            int slot = table[position] - 1;
            if (slot < 0) {
                return -1;
            }
            if (hashes[slot] == hash && paths.matches(refs[slot], path)) {
                return slot;
            }
        }
    }

    /** Adds a path that is not in the index. @return its slot, the next one; {@link #capacity} may have grown */
    public int add(String path) {
        if (slots == refs.length) {
            growSlots(slots + (slots >> 1) + 1);
        }
        if (table != null && (long) (live + 1) * 2 > table.length) {
            rebuildTable(live + 1);
        }
        int slot = slots++;
        refs[slot] = paths.add(path);
        hashes[slot] = path.hashCode();
        live++;
        if (table != null) {
            insert(slot);
        }
        return slot;
    }

    /** Takes a live slot's path out of the index; the slot stays dead. */
    public void remove(int slot) {
        if (table == null) {
            rebuildTable(refs.length);
        }
        int mask = table.length - 1;
        int hole = spread(hashes[slot]) & mask;
        while (table[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        for (int position = (hole + 1) & mask; table[position] != 0; position = (position + 1) & mask) {
            int home = spread(hashes[table[position] - 1]) & mask;
            // The entry at position may fill the hole unless its home lies cyclically in (hole, position].
            boolean homeBetween = hole <= position ? hole < home && home <= position : hole < home || home <= position;
            if (!homeBetween) {
                table[hole] = table[position];
                hole = position;
            }
        }
        table[hole] = 0;
        refs[slot] = REMOVED;
        live--;
    }

    /** @return whether the slot holds a path */
    public boolean isLive(int slot) {
        return refs[slot] != REMOVED;
    }

    /** @return the slab reference of a live slot's path */
    public long ref(int slot) {
        return refs[slot];
    }

    /** @return a live slot's path, made afresh */
    public String path(int slot) {
        return paths.get(refs[slot]);
    }

    private void insert(int slot) {
        int mask = table.length - 1;
        int position = spread(hashes[slot]) & mask;
        while (table[position] != 0) {
            position = (position + 1) & mask;
        }
        table[position] = slot + 1;
    }

    private void rebuildTable(int expected) {
        table = new int[tableLength(Math.max(expected, live))];
        for (int slot = 0; slot < slots; slot++) {
            if (isLive(slot)) {
                insert(slot);
            }
        }
    }

    private void growSlots(int capacity) {
        refs = Arrays.copyOf(refs, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
    }

    private static int tableLength(int expected) {
        return Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    }

    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
