package io.github.parmap.engine.commit;

import io.github.parmap.Item;
import io.github.parmap.engine.support.FileTrees;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.PrintablePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** One input file on its way through a worker: hands out staged output paths, then commits or discards them. */
public final class WorkItem implements Item {
    private final Path path;
    private final String relativePath;
    private final Path outputDirectory;
    private final StagingSlot staging;
    /** Subdirectories of the slot this item created, for a second output with a file name already staged. */
    private final List<Path> stagingSubdirectories = new ArrayList<>(0);
    private final OutputClaims claims;
    /** Output path to the place it is staged at, in the order requested. */
    private final Map<String, Path> stagedOutputs = new LinkedHashMap<>(4);
    /** File names taken directly in the slot directory; made when an item stages its second output. */
    private Set<String> stagedNames;
    private RuntimeException rejectedOutput;
    /** Why the processor chose to give no output, or {@code null}; its staged files are then discarded. */
    private String skipReason;
    /** RUNNING until the item commits or the run's watchdog cancels it, whichever comes first. */
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private static final int RUNNING = 0;
    private static final int COMMITTING = 1;
    private static final int CANCELLED = 2;

    WorkItem(Path path, String relativePath, Path outputDirectory, Path stagingDirectory, OutputClaims claims) {
        this(path, relativePath, outputDirectory, new StagingSlot(stagingDirectory), claims);
    }

    public WorkItem(Path path, String relativePath, Path outputDirectory, StagingSlot staging, OutputClaims claims) {
        this.path = path;
        this.relativePath = relativePath;
        this.outputDirectory = outputDirectory;
        this.staging = staging;
        this.claims = claims;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String relativePath() {
        return relativePath;
    }

    @Override
    public Path output(String relativeOutput) {
        if (cancelled()) {
            throw new IllegalStateException("the item timed out; it can write no more outputs");
        }
        try {
            // A backslash is caught as a Windows habit, unless the input's own name has one (Linux, macOS allow it).
            String output = OutputPaths.normalize(relativeOutput, relativePath.indexOf('\\') >= 0);
            Path staged = stagedOutputs.get(output);
            if (staged == null) {
                claims.claim(output, relativePath);
                staged = stage(output);
                stagedOutputs.put(output, staged);
            }
            return staged;
        } catch (IllegalArgumentException e) {
            // Remembered so that a processor catching the exception still fails the item.
            rejectedOutput = e;
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output '" + PrintablePaths.printable(relativeOutput) + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void skip(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the reason for skipping an item must not be blank");
        }
        skipReason = reason.strip();
    }

    /** @return why the processor skipped the item, or {@code null} if it did not */
    public String skipReason() {
        return skipReason;
    }

    /**
     * Moves every written output into the output directory, each with one atomic rename. If one cannot be
     * moved, the ones already moved are deleted again, so that a failed item leaves no output behind.
     *
     * @param listener told of each output once all are in place
     * @return the committed outputs, with the size and time they were committed with
     */
    public List<CommittedOutput> commit(OutputListener listener) throws IOException {
        if (rejectedOutput != null) {
            throw rejectedOutput;
        }
        if (!state.compareAndSet(RUNNING, COMMITTING)) {
            throw new IllegalStateException("the item was cancelled; its outputs are not committed");
        }
        if (skipReason != null) {
            discard();
            return List.of();
        }
        List<Path> committed = new ArrayList<>(stagedOutputs.size());
        List<CommittedOutput> records = new ArrayList<>(stagedOutputs.size());
        try {
            for (Map.Entry<String, Path> output : stagedOutputs.entrySet()) {
                BasicFileAttributes staged = stagedAttributes(output.getValue());
                if (staged != null && staged.isRegularFile()) {
                    Path target = outputDirectory.resolve(output.getKey());
                    moveIntoPlace(output.getKey(), output.getValue(), target);
                    committed.add(target);
                    // A rename keeps size and time, so the staged file's attributes are the output's.
                    records.add(new CommittedOutput(output.getKey(), staged.size(), Fingerprints.nanos(staged.lastModifiedTime())));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The item fails, so it must leave nothing behind: take back what was already moved into place.
            for (Path target : committed) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException notRemoved) {
                    e.addSuppressed(notRemoved);
                }
            }
            throw e;
        }
        for (Path subdirectory : stagingSubdirectories) {
            FileTrees.deleteTree(subdirectory); // empty now that its output moved; the slot itself stays for the next item
        }
        stagingSubdirectories.clear();
        committed.forEach(listener::written);
        return records;
    }

    private static BasicFileAttributes stagedAttributes(Path staged) throws IOException {
        try {
            return Files.readAttributes(staged, BasicFileAttributes.class);
        } catch (NoSuchFileException neverWritten) {
            return null;
        }
    }

    /**
     * Staging keeps the output's file name, so tools that look at the extension see the right one, but not its
     * directories: one directory per item is cheaper than a copy of the output tree. Two outputs of one item
     * with the same file name get a subdirectory each after the first.
     */
    private Path stage(String output) throws IOException {
        Path directory = staging.directory();
        String fileName = output.substring(output.lastIndexOf('/') + 1);
        if (takeName(directory, fileName)) {
            return directory.resolve(fileName);
        }
        Path subdirectory = directory.resolve(Integer.toString(stagedOutputs.size()));
        try {
            Files.createDirectory(subdirectory);
        } catch (FileAlreadyExistsException madeByAWorkerJvm) {
            // A worker JVM staged this item's outputs by the same rule; this records them.
        }
        stagingSubdirectories.add(subdirectory);
        return subdirectory.resolve(fileName);
    }

    /** @return whether no output of the item is staged in the slot directory under that file name yet; if so, it is now */
    private boolean takeName(Path directory, String fileName) {
        if (stagedNames == null) {
            if (stagedOutputs.isEmpty()) {
                return true; // the first output: most items write one, and need no set
            }
            stagedNames = new HashSet<>();
            for (Path staged : stagedOutputs.values()) {
                if (directory.equals(staged.getParent())) {
                    stagedNames.add(staged.getFileName().toString());
                }
            }
        }
        return stagedNames.add(fileName);
    }

    /** One atomic rename; the target's parent directories are created only when the rename finds them missing. */
    private static void moveIntoPlace(String output, Path staged, Path target) throws IOException {
        try {
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException missingParent) {
                Files.createDirectories(target.getParent());
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileSystemException e) {
            // Name the output as the processor asked for it, not the staging path the file system saw.
            String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException("output '" + PrintablePaths.printable(output) + "' cannot be committed: " + reason, e);
        }
    }

    /** @return the directory this item's outputs are staged in, created on first use */
    public Path stagingDirectory() throws IOException {
        return staging.directory();
    }

    /** @return the output paths the processor asked for, normalized, in the order it asked */
    public List<String> requestedOutputs() {
        return List.copyOf(stagedOutputs.keySet());
    }

    /** @return the refusal of an output path the processor asked for, which fails the item even if it was caught, or {@code null} */
    public RuntimeException rejectedOutput() {
        return rejectedOutput;
    }

    /** @return whether the item was cancelled before it began to commit: then it never commits */
    public boolean cancel() {
        return state.compareAndSet(RUNNING, CANCELLED);
    }

    public boolean cancelled() {
        return state.get() == CANCELLED;
    }

    /**
     * Deletes whatever the item staged and forgets it, so that the item can be written afresh: after a
     * cache entry turned out to be damaged halfway through restoring it. Claimed outputs stay claimed.
     */
    public void reset() throws IOException {
        discard();
        stagedOutputs.clear();
        stagedNames = null;
        rejectedOutput = null;
        skipReason = null;
    }

    /** Deletes whatever the item staged. */
    public void discard() throws IOException {
        for (Path staged : stagedOutputs.values()) {
            Files.deleteIfExists(staged);
        }
        for (Path subdirectory : stagingSubdirectories) {
            FileTrees.deleteTree(subdirectory);
        }
        stagingSubdirectories.clear();
    }
}
