package io.github.parmap.engine.scan;

import io.github.parmap.engine.support.PathSlab;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The items of a scan, sorted by relative path, held as a few arrays rather than an object per file: a
 * million files are a few tens of megabytes the collector never copies. Each {@link #get} makes the
 * {@link InputFile} afresh; the list cannot be modified.
 */
public final class ScannedFiles extends AbstractList<InputFile> implements RandomAccess {
    private final PathSlab paths;
    private final long[] refs;
    private final long[] sizes;
    private final long[] modified;

    private ScannedFiles(PathSlab paths, long[] refs, long[] sizes, long[] modified) {
        this.paths = paths;
        this.refs = refs;
        this.sizes = sizes;
        this.modified = modified;
    }

    @Override
    public InputFile get(int index) {
        return new InputFile(paths.get(refs[index]), sizes[index], modified[index]);
    }

    @Override
    public int size() {
        return refs.length;
    }

    /**
     * Collects the files of a walk in any order; {@link #build} sorts them. Until then they are kept in
     * chunks, so that a walk of a million files copies nothing as it grows and leaves no large array behind.
     */
    static final class Builder {
        /** Files per chunk: each chunk's array stays an ordinary object to the collector (see {@link PathSlab}). */
        private static final int CHUNK = 16 * 1024;
        private static final int FIRST_CHUNK = 256;

        private final PathSlab paths = new PathSlab(0);
        private long[][] refs = new long[16][];
        private long[][] sizes = new long[16][];
        private long[][] modified = new long[16][];
        private int count;

        void add(String relativePath, long size, long modifiedNanos) {
            addRef(paths.add(relativePath), size, modifiedNanos);
        }

        /** Adds the files another builder collected; that builder must not be used afterwards. */
        void addAll(Builder other) {
            long shift = paths.append(other.paths);
            for (int file = 0; file < other.count; file++) {
                addRef(other.ref(file) + shift, other.sizes[file / CHUNK][file % CHUNK], other.modified[file / CHUNK][file % CHUNK]);
            }
        }

        private void addRef(long ref, long size, long modifiedNanos) {
            int chunk = count / CHUNK;
            if (count % CHUNK == 0) {
                if (chunk == refs.length) {
                    refs = Arrays.copyOf(refs, chunk * 2);
                    sizes = Arrays.copyOf(sizes, chunk * 2);
                    modified = Arrays.copyOf(modified, chunk * 2);
                }
                // The first chunk starts small: a walk of one small directory is a builder too.
                int length = chunk == 0 ? FIRST_CHUNK : CHUNK;
                refs[chunk] = new long[length];
                sizes[chunk] = new long[length];
                modified[chunk] = new long[length];
            } else if (count == refs[0].length) {
                int length = Math.min(CHUNK, 2 * count);
                refs[0] = Arrays.copyOf(refs[0], length);
                sizes[0] = Arrays.copyOf(sizes[0], length);
                modified[0] = Arrays.copyOf(modified[0], length);
            }
            refs[chunk][count % CHUNK] = ref;
            sizes[chunk][count % CHUNK] = size;
            modified[chunk][count % CHUNK] = modifiedNanos;
            count++;
        }

        private long ref(int file) {
            return refs[file / CHUNK][file % CHUNK];
        }

        ScannedFiles build() {
            int[] order = new int[count];
            Arrays.setAll(order, i -> i);
            sort(order, new int[count], 0, count);
            long[] sortedRefs = new long[count];
            long[] sortedSizes = new long[count];
            long[] sortedModified = new long[count];
            for (int i = 0; i < count; i++) {
                int file = order[i];
                sortedRefs[i] = refs[file / CHUNK][file % CHUNK];
                sortedSizes[i] = sizes[file / CHUNK][file % CHUNK];
                sortedModified[i] = modified[file / CHUNK][file % CHUNK];
            }
            return new ScannedFiles(paths, sortedRefs, sortedSizes, sortedModified);
        }

        /** Merge sort of item numbers by path, without boxing them. */
        private void sort(int[] order, int[] spare, int from, int to) {
            if (to - from < 2) {
                return;
            }
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int item = order[i];
                    int j = i - 1;
                    while (j >= from && paths.compare(ref(order[j]), ref(item)) > 0) {
                        order[j + 1] = order[j];
                        j--;
                    }
                    order[j + 1] = item;
                }
                return;
            }
            int middle = (from + to) >>> 1;
            sort(order, spare, from, middle);
            sort(order, spare, middle, to);
            if (paths.compare(ref(order[middle - 1]), ref(order[middle])) <= 0) {
                return; // already in order: a walk often lists a directory sorted
            }
            System.arraycopy(order, from, spare, from, to - from);
            for (int i = from, left = from, right = middle; i < to; i++) {
                if (right >= to || (left < middle && paths.compare(ref(spare[left]), ref(spare[right])) <= 0)) {
                    order[i] = spare[left++];
                } else {
                    order[i] = spare[right++];
                }
            }
        }
    }
}
