package io.github.parmap.engine.scan;

import io.github.parmap.engine.support.PathSlab;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
        /** The files by path, once {@link #sort} has run. */
        private int[] order;

        void add(String relativePath, long size, long modifiedNanos) {
            addRef(paths.add(relativePath), size, modifiedNanos);
        }

        private void addRef(long ref, long size, long modifiedNanos) {
            order = null;
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

        /** Sorts the files by path, on the calling thread: a walk of a subdirectory sorts its own files while others are walked. */
        void sort() {
            order = sortedOrder();
        }

        ScannedFiles build() {
            return inOrder(order != null ? order : sortedOrder());
        }

        /**
         * Builds the list of a walk that handed its subdirectories on: its own files, and the files of each
         * subdirectory, sorted by the walk of that subdirectory. All paths under a subdirectory start with its
         * name and a slash, so they come together in the sorted list, where that prefix sorts among the other
         * names: the lists are merged in that order, with no sort of the whole.
         *
         * @param names the subdirectories' paths, without the trailing slash
         * @param subdirectories the builders of their walks, in the order of {@code names}, each sorted
         */
        static ScannedFiles merge(Builder top, List<String> names, List<Builder> subdirectories) {
            if (subdirectories.isEmpty()) {
                return top.build(); // a walk on one thread, or of a directory without subdirectories
            }
            Builder merged = new Builder();
            int[] topOrder = top.sortedOrder();
            long topShift = merged.paths.append(top.paths);
            Integer[] byName = new Integer[names.size()];
            Arrays.setAll(byName, i -> i);
            Arrays.sort(byName, Comparator.comparing(i -> names.get(i) + '/'));
            int nextTop = 0;
            for (int subdirectory : byName) {
                String prefix = names.get(subdirectory) + '/';
                while (nextTop < top.count && merged.paths.get(top.ref(topOrder[nextTop]) + topShift).compareTo(prefix) < 0) {
                    merged.addFrom(top, topOrder[nextTop++], topShift);
                }
                Builder walked = subdirectories.get(subdirectory);
                long shift = merged.paths.append(walked.paths);
                int[] order = walked.order != null ? walked.order : walked.sortedOrder();
                for (int file : order) {
                    merged.addFrom(walked, file, shift);
                }
            }
            while (nextTop < top.count) {
                merged.addFrom(top, topOrder[nextTop++], topShift);
            }
            int[] identity = new int[merged.count];
            Arrays.setAll(identity, i -> i);
            return merged.inOrder(identity);
        }

        private void addFrom(Builder other, int file, long shift) {
            addRef(other.ref(file) + shift, other.sizes[file / CHUNK][file % CHUNK], other.modified[file / CHUNK][file % CHUNK]);
        }

        private int[] sortedOrder() {
            int[] sorted = new int[count];
            Arrays.setAll(sorted, i -> i);
            paths.sort(sorted, this::ref);
            return sorted;
        }

        private ScannedFiles inOrder(int[] order) {
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
    }
}
