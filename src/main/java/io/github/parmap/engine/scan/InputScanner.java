package io.github.parmap.engine.scan;

import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.PrintablePaths;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists the items under an input directory: regular files the filter includes, following symbolic links,
 * never descending into a directory parmap writes (output, state, cache), also where a link leads there, sorted
 * by relative path so that every run sees the same order.
 */
public final class InputScanner {
    private final Path inputDirectory;
    /** The output directory, the state directory and the cache directory: parmap's own, never inputs. */
    private final List<Path> parmapDirectories;
    private final PathFilter filter;
    private final RunLog log;
    private final String separator;
    /** The input directory's path as text, ending with a separator. */
    private final String inputPrefix;
    private final int prefixLength;

    public InputScanner(Path inputDirectory, Path outputDirectory, PathFilter filter, RunLog log) {
        this(inputDirectory, outputDirectory, List.of(), filter, log);
    }

    /**
     * @param otherParmapDirectories directories besides the output directory that parmap writes, such as the
     *     incremental state's and the local cache's: never inputs either (null elements are ignored)
     */
    public InputScanner(Path inputDirectory, Path outputDirectory, List<Path> otherParmapDirectories, PathFilter filter, RunLog log) {
        this.inputDirectory = inputDirectory;
        List<Path> own = new ArrayList<>();
        own.add(outputDirectory);
        otherParmapDirectories.stream().filter(Objects::nonNull).forEach(own::add);
        this.parmapDirectories = List.copyOf(own);
        this.filter = filter;
        this.log = log;
        this.separator = inputDirectory.getFileSystem().getSeparator();
        String prefix = inputDirectory.toString();
        this.inputPrefix = prefix.endsWith(separator) ? prefix : prefix + separator;
        this.prefixLength = inputPrefix.length();
    }

    /** @return the relative paths of the items, sorted */
    public List<String> scan() throws IOException {
        return scanFiles().stream().map(InputFile::relativePath).toList();
    }

    /** @return the items with the size and modification time the walk read for them, sorted by relative path */
    public ScannedFiles scanFiles() throws IOException {
        try {
            return scanFiles(1);
        } catch (InterruptedException notWithOneThread) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", notWithOneThread);
        }
    }

    /**
     * Scans with several threads: the calling thread walks the input directory itself, and each of its
     * subdirectories is walked as a task of its own, so that the file system is asked for many files at once.
     * The result and the warnings are those of a walk on one thread, in the same order.
     *
     * @param threads how many subdirectories are walked at once; 1 walks everything on the calling thread
     * @return the items with the size and modification time the walk read for them, sorted by relative path
     * @throws InterruptedException if the calling thread is interrupted while the subdirectories are walked
     */
    public ScannedFiles scanFiles(int threads) throws IOException, InterruptedException {
        // Following links, the walk may reach these directories under other names: their file keys tell.
        Set<Object> parmapKeys = new HashSet<>();
        for (Path directory : parmapDirectories) {
            Object key = fileKey(directory);
            if (key != null) {
                parmapKeys.add(key);
            }
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, InputScanner::scanThread) : null;
        try {
            Walk top = new Walk(inputDirectory, parmapKeys, pool);
            top.run();
            // One thread would have walked each subdirectory where the top walk handed it on: its warnings,
            // and a failure that ends the scan, come at that place among the top walk's.
            List<ScannedFiles.Builder> walkedItems = new ArrayList<>();
            int topWarnings = 0;
            for (int index = 0; index < top.subdirectories.size(); index++) {
                topWarnings = logWarnings(top.warnings, topWarnings, top.warningsBefore.get(index));
                Walk walked = await(top.subdirectories.get(index));
                logWarnings(walked.warnings, 0, walked.warnings.size());
                walked.throwFailure();
                walkedItems.add(walked.items);
            }
            logWarnings(top.warnings, topWarnings, top.warnings.size());
            top.throwFailure();
            return ScannedFiles.Builder.merge(top.items, top.subdirectoryNames, walkedItems);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** @return {@code to}, where the next call starts */
    private int logWarnings(List<String> warnings, int from, int to) {
        warnings.subList(from, to).forEach(log::warn);
        return to;
    }

    private static Walk await(Future<Walk> subdirectory) throws IOException, InterruptedException {
        try {
            return subdirectory.get();
        } catch (ExecutionException failed) {
            Failures.rethrowCause(failed);
            throw new IllegalStateException(failed); // not reached: rethrowCause always throws
        }
    }

    private static Thread scanThread(Runnable task) {
        Thread thread = new Thread(task, "parmap-scan");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * One walk: of the input directory, handing its subdirectories to the pool if there is one, or of one
     * such subdirectory. Each walk keeps its own items and warnings, merged in order once all are done.
     */
    private final class Walk extends SimpleFileVisitor<Path> {
        private final Path start;
        private final Set<Object> parmapKeys;
        /** What ended the walk early, thrown once the warnings before it are logged. */
        private IOException failure;
        private final ExecutorService pool;
        final ScannedFiles.Builder items = new ScannedFiles.Builder();
        final List<String> warnings = new ArrayList<>();
        final List<Future<Walk>> subdirectories = new ArrayList<>();
        /** The relative paths of the subdirectories handed on, in the order of {@link #subdirectories}. */
        final List<String> subdirectoryNames = new ArrayList<>();
        /** Per subdirectory handed on: how many warnings this walk had given by then. */
        final List<Integer> warningsBefore = new ArrayList<>();
        /** For the walk of a subdirectory: the input directory's key, which a walk from the input directory would have among the ancestors. */
        private final Object inputKey;

        Walk(Path start, Set<Object> parmapKeys, ExecutorService pool) {
            this.start = start;
            this.parmapKeys = parmapKeys;
            this.pool = pool;
            this.inputKey = start.equals(inputDirectory) ? null : fileKey(inputDirectory);
        }

        /** @return this walk, done */
        Walk run() {
            try {
                Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, this);
            } catch (IOException e) {
                failure = e;
            }
            return this;
        }

        /** @return this walk, done, its items sorted on this thread */
        Walk runAndSort() {
            run();
            items.sort();
            return this;
        }

        void throwFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(inputDirectory)) {
                return FileVisitResult.CONTINUE;
            }
            Object key = attrs.fileKey();
            if ((key != null && parmapKeys.contains(key)) || parmapDirectories.contains(dir) || !filter.mayIncludeFilesUnder(relative(dir))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (key != null && key.equals(inputKey)) {
                warnOfLoop(dir);
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (pool != null && dir.getParent().equals(inputDirectory)) {
                warningsBefore.add(warnings.size());
                subdirectoryNames.add(relative(dir));
                subdirectories.add(pool.submit(new Walk(dir, parmapKeys, null)::runAndSort));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile()) {
                String relativePath = relative(file);
                if (filter.includesFile(relativePath)) {
                    checkNameReadsBack(file, relativePath);
                    items.add(relativePath, attrs.size(), Fingerprints.nanos(attrs.lastModifiedTime()));
                }
            } else if (attrs.isSymbolicLink() && filter.includesFile(relative(file))) {
                // Following links, only a link whose target is missing is still seen as a link.
                warnings.add("Skipping " + PrintablePaths.printable(relative(file)) + ": a symbolic link whose target does not exist");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
            if (failure instanceof FileSystemLoopException) {
                warnOfLoop(file);
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (file.equals(inputDirectory)) {
                throw failure;
            }
            // A file deleted or made unreadable while scanning: not an item, but worth a word.
            warnings.add("Skipping " + PrintablePaths.printable(relative(file)) + ": " + Failures.describe(failure));
            return FileVisitResult.CONTINUE;
        }

        private void warnOfLoop(Path file) {
            warnings.add("Skipping " + PrintablePaths.printable(relative(file)) + ": a symbolic link that leads back to one of its own parent directories");
        }
    }

    /**
     * Items travel as text, so a file name must survive the trip from the file system's bytes to text and
     * back. It does not when the bytes are not valid in the JVM's file name encoding: a UTF-8 name while
     * Maven runs in the C or POSIX locale (where Java reads names as ASCII), or a Latin-1 name on a UTF-8
     * system. Such a file could be neither read nor named, so the run stops before any item, saying what to do.
     */
    private void checkNameReadsBack(Path file, String relativePath) throws IOException {
        boolean readsBack;
        try {
            readsBack = relativePath.indexOf('\uFFFD') < 0 || inputDirectory.resolve(relativePath).equals(file);
        } catch (InvalidPathException unmappable) {
            readsBack = false;
        }
        if (!readsBack) {
            throw new IOException("the name of the file " + PrintablePaths.printable(relativePath) + " is not valid in this JVM's file name encoding ("
                    + System.getProperty("sun.jnu.encoding", "unknown") + "), so it cannot be read by that name; rename the file, or run "
                    + "Maven in a locale whose encoding holds the name, such as LANG=C.UTF-8");
        }
    }

    /** @return the directory's file key (device and inode on Unix), or {@code null} if it does not exist or has none */
    private static Object fileKey(Path directory) {
        if (directory == null) {
            return null;
        }
        try {
            return Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
        } catch (IOException notThere) {
            return null;
        }
    }

    /**
     * Every path the walk visits is the input directory's path with names appended, so its text starts with
     * the input directory's: cutting that prefix off is far cheaper than {@link Path#relativize}, which shows
     * on a walk over many small files.
     */
    private String relative(Path path) {
        String text = path.toString();
        String relative = text.length() > prefixLength && text.startsWith(inputPrefix) ? text.substring(prefixLength)
                : inputDirectory.relativize(path).toString();
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }
}
