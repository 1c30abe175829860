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

    /** Collects the files of a walk in any order; {@link #build} sorts them. */
    static final class Builder {
        private final PathSlab paths = new PathSlab(64 * 1024);
        private long[] refs = new long[1024];
        private long[] sizes = new long[1024];
        private long[] modified = new long[1024];
        private int count;

        void add(String relativePath, long size, long modifiedNanos) {
            if (count == refs.length) {
                int grown = count + (count >> 1);
                refs = Arrays.copyOf(refs, grown);
                sizes = Arrays.copyOf(sizes, grown);
                modified = Arrays.copyOf(modified, grown);
            }
            refs[count] = paths.add(relativePath);
            sizes[count] = size;
            modified[count] = modifiedNanos;
            count++;
        }

        ScannedFiles build() {
            int[] order = new int[count];
            Arrays.setAll(order, i -> i);
            sort(order, new int[count], 0, count);
            long[] sortedRefs = new long[count];
            long[] sortedSizes = new long[count];
            long[] sortedModified = new long[count];
            for (int i = 0; i < count; i++) {
                sortedRefs[i] = refs[order[i]];
                sortedSizes[i] = sizes[order[i]];
                sortedModified[i] = modified[order[i]];
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
                    while (j >= from && paths.compare(refs[order[j]], refs[item]) > 0) {
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
            if (paths.compare(refs[order[middle - 1]], refs[order[middle]]) <= 0) {
                return; // already in order: a walk often lists a directory sorted
            }
            System.arraycopy(order, from, spare, from, to - from);
            for (int i = from, left = from, right = middle; i < to; i++) {
                if (right >= to || (left < middle && paths.compare(refs[spare[left]], refs[spare[right]]) <= 0)) {
                    order[i] = spare[left++];
                } else {
                    order[i] = spare[right++];
                }
            }
        }
    }
}
