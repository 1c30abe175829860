package io.github.parmap.engine.support;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Many strings, such as the paths of a million files, in chunks of bytes instead of two objects each: a
 * collector copies a handful of arrays at no cost, where it would copy millions of small objects, and heap
 * growth follows. A string is kept as one byte per char when all its chars fit in one (nearly every path),
 * else as two; it is named by a {@code long} reference that {@link #add} returns.
 *
 * <p>The bytes are held in chunks of a fixed size, small enough that the collector treats each as an
 * ordinary object: growing adds a chunk and copies nothing, where one array grown by copies made the
 * collector find ever larger contiguous room, and grow the heap when it could not. A string never spans
 * two chunks.
 *
 * <p>Not thread-safe: its owner synchronizes.
 */
public final class PathSlab {
    /** In the low half of a reference, marks a string kept as two bytes per char. */
    private static final long WIDE = 1L << 31;
    private static final int CHARS = (int) (WIDE - 1);
    /**
     * Bytes per chunk: below half of the collector's smallest region (1 MiB), so that no chunk is allocated
     * as a humongous object, which G1 puts straight into the old generation.
     */
    static final int CHUNK_BYTES = 256 * 1024;
    private static final int FIRST_CHUNK_BYTES = 4 * 1024;

    private byte[][] chunks = new byte[4][];
    /** The chunk being filled, and how much of it is used. */
    private int current = -1;
    private int used = CHUNK_BYTES;

    /** @param expectedBytes how many bytes to make room for: the table of chunks is sized by it, the chunks come as needed */
    public PathSlab(int expectedBytes) {
        chunks = new byte[Math.max(4, expectedBytes / CHUNK_BYTES + 1)][];
    }

    /** @return the reference of a copy of the text */
    public long add(String text) {
        int length = text.length();
        boolean wide = !fitsOneByte(text);
        int need = wide ? 2 * length : length;
        if (current < 0 || chunks[current].length - used < need) {
            if (current >= 0 && chunks[current].length < CHUNK_BYTES && used + need <= CHUNK_BYTES) {
                // A small slab starts with a small chunk, grown up to the full size before the next one is added.
                chunks[current] = Arrays.copyOf(chunks[current], Math.min(CHUNK_BYTES, Math.max(2 * chunks[current].length, used + need)));
            } else {
                newChunk(need);
            }
        }
        byte[] bytes = chunks[current];
        int at = used;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (wide) {
                bytes[at + 2 * i] = (byte) (c >>> 8);
                bytes[at + 2 * i + 1] = (byte) c;
            } else {
                bytes[at + i] = (byte) c;
            }
        }
        used += need;
        long offset = (long) current * CHUNK_BYTES + at;
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2 GB of paths");
        }
        return offset << 32 | (wide ? WIDE : 0) | length;
    }

    private void newChunk(int need) {
        if (current + 1 == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        current++;
        // A string larger than a chunk gets one of its own size, at its start: offsets stay chunk * CHUNK_BYTES + place.
        // The first chunk starts small, as many slabs hold a few paths only.
        chunks[current] = new byte[Math.max(current == 0 ? FIRST_CHUNK_BYTES : CHUNK_BYTES, need)];
        used = 0;
    }

    /**
     * Takes over another slab's chunks, after this one's, without copying their bytes; the other slab must not
     * be used afterwards.
     *
     * @return what to add to a reference of the other slab to name the same text in this one
     */
    public long append(PathSlab other) {
        if (other.current < 0) {
            return 0;
        }
        int base = current + 1;
        int needed = base + other.current + 1;
        if ((long) needed * CHUNK_BYTES > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2 GB of paths");
        }
        if (needed > chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(needed, chunks.length * 2));
        }
        System.arraycopy(other.chunks, 0, chunks, base, other.current + 1);
        current = needed - 1;
        used = other.used;
        return (long) base * CHUNK_BYTES << 32;
    }

    /** @return the text of a reference */
    public String get(long ref) {
        byte[] bytes = chunkOf(ref);
        int at = place(ref);
        int length = length(ref);
        if (!isWide(ref)) {
            return new String(bytes, at, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(bytes, at, true, i);
        }
        return new String(chars);
    }

    /** @return the text's length in chars */
    public static int length(long ref) {
        return (int) (ref & CHARS);
    }

    /** @return whether the reference names this text */
    public boolean matches(long ref, String text) {
        int length = length(ref);
        if (length != text.length()) {
            return false;
        }
        byte[] bytes = chunkOf(ref);
        int at = place(ref);
        boolean wide = isWide(ref);
        for (int i = 0; i < length; i++) {
            if (charAt(bytes, at, wide, i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the text's {@link String#hashCode()}, without making the string */
    public int hash(long ref) {
        byte[] bytes = chunkOf(ref);
        int at = place(ref);
        boolean wide = isWide(ref);
        int hash = 0;
        for (int i = 0, length = length(ref); i < length; i++) {
            hash = 31 * hash + charAt(bytes, at, wide, i);
        }
        return hash;
    }

    /** @return the order of two texts as {@link String#compareTo} has it */
    public int compare(long a, long b) {
        byte[] aBytes = chunkOf(a);
        byte[] bBytes = chunkOf(b);
        int aAt = place(a);
        int bAt = place(b);
        boolean aWide = isWide(a);
        boolean bWide = isWide(b);
        int aLength = length(a);
        int bLength = length(b);
        int common = Math.min(aLength, bLength);
        if (!aWide && !bWide) {
            // One byte per char on both sides: the JDK compares the byte ranges many at a time. Sorting a
            // million paths spends most of its time here.
            int at = Arrays.mismatch(aBytes, aAt, aAt + common, bBytes, bAt, bAt + common);
            return at < 0 ? aLength - bLength : (aBytes[aAt + at] & 0xFF) - (bBytes[bAt + at] & 0xFF);
        }
        for (int i = 0; i < common; i++) {
            int difference = charAt(aBytes, aAt, aWide, i) - charAt(bBytes, bAt, bWide, i);
            if (difference != 0) {
                return difference;
            }
        }
        return aLength - bLength;
    }

    /** @return the order of a reference's text and another text as {@link String#compareTo} has it */
    public int compareTo(long ref, String text) {
        byte[] bytes = chunkOf(ref);
        int at = place(ref);
        boolean wide = isWide(ref);
        int length = length(ref);
        int common = Math.min(length, text.length());
        for (int i = 0; i < common; i++) {
            int difference = charAt(bytes, at, wide, i) - text.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - text.length();
    }

    /**
     * Sorts item numbers by the texts their references name, in the order of {@link #compare}, keeping equal
     * ones in their order: a merge sort of ints, with no object per item.
     *
     * @param refOf the reference of an item's text in this slab
     */
    public void sort(int[] items, IntToLongFunction refOf) {
        sort(items, new int[items.length], 0, items.length, refOf);
    }

    private void sort(int[] order, int[] spare, int from, int to, IntToLongFunction refOf) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int item = order[i];
                long itemRef = refOf.applyAsLong(item);
                int j = i - 1;
                while (j >= from && compare(refOf.applyAsLong(order[j]), itemRef) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = item;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(order, spare, from, middle, refOf);
        sort(order, spare, middle, to, refOf);
        if (compare(refOf.applyAsLong(order[middle - 1]), refOf.applyAsLong(order[middle])) <= 0) {
            return; // already in order: a walk often lists a directory sorted, and a state was written sorted
        }
        System.arraycopy(order, from, spare, from, to - from);
        for (int i = from, left = from, right = middle; i < to; i++) {
            if (right >= to || (left < middle && compare(refOf.applyAsLong(spare[left]), refOf.applyAsLong(spare[right])) <= 0)) {
                order[i] = spare[left++];
            } else {
                order[i] = spare[right++];
            }
        }
    }

    private static char charAt(byte[] bytes, int at, boolean wide, int index) {
        if (wide) {
            return (char) ((bytes[at + 2 * index] & 0xFF) << 8 | bytes[at + 2 * index + 1] & 0xFF);
        }
        return (char) (bytes[at + index] & 0xFF);
    }

    private byte[] chunkOf(long ref) {
        return chunks[(int) (ref >>> 32) / CHUNK_BYTES];
    }

    private static int place(long ref) {
        return (int) (ref >>> 32) % CHUNK_BYTES;
    }

    private static boolean isWide(long ref) {
        return (ref & WIDE) != 0;
    }

    private static boolean fitsOneByte(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
