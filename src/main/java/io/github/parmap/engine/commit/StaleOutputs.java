package io.github.parmap.engine.commit;

import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.PrintablePaths;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Deletes outputs parmap wrote that no input produces any more, and only those: a file is deleted only while
 * it still has the size and modification time it was committed with, so a file edited or replaced since
 * (by the user, or by another tool writing into the same folder) is left in place with one WARNING.
 */
public final class StaleOutputs {
    private final Path outputDirectory;
    private final OutputListener listener;
    private final RunLog log;

    public StaleOutputs(Path outputDirectory, OutputListener listener, RunLog log) {
        this.outputDirectory = outputDirectory;
        this.listener = listener;
        this.log = log;
    }

    /** How many outputs were deleted, and how many were left because they changed since they were committed. */
    public record Outcome(int removed, int changed) {}

    public Outcome deleteUnchanged(List<CommittedOutput> outputs) throws IOException {
        int removed = 0;
        int changed = 0;
        for (CommittedOutput output : outputs) {
            switch (delete(output)) {
                case DELETED -> removed++;
                case CHANGED -> changed++;
                case GONE -> { }
            }
        }
        return new Outcome(removed, changed);
    }

    private enum Result { DELETED, CHANGED, GONE }

    private Result delete(CommittedOutput output) throws IOException {
        String normalized;
        try {
            normalized = OutputPaths.normalize(output.path(), true); // recorded as committed, so its backslashes were allowed
        } catch (IllegalArgumentException notOurs) {
            return Result.GONE; // never follow a damaged state outside the output directory
        }
        Path file = outputDirectory.resolve(normalized);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Result.GONE;
        }
        if (attributes.isDirectory()) {
            log.warn("Not removing stale output " + PrintablePaths.printable(normalized) + ": a directory stands there now");
            return Result.CHANGED;
        }
        if (!asCommitted(output, attributes)) {
            log.warn("Not removing stale output " + PrintablePaths.printable(normalized) + " in " + outputDirectory
                    + ": it changed since parmap wrote it (size or modification time)");
            return Result.CHANGED;
        }
        try {
            if (!Files.deleteIfExists(file)) {
                return Result.GONE;
            }
        } catch (DirectoryNotEmptyException replacedByDirectory) {
            return Result.CHANGED;
        }
        listener.deleted(file);
        for (Path parent = file.getParent(); parent != null && !parent.equals(outputDirectory) && parent.startsWith(outputDirectory);
                parent = parent.getParent()) {
            try {
                Files.delete(parent);
            } catch (DirectoryNotEmptyException | NoSuchFileException stillUsed) {
                break;
            }
        }
        return Result.DELETED;
    }

    /** A state of format 1 kept no size for retired outputs: those are deleted as that version did. */
    private static boolean asCommitted(CommittedOutput output, BasicFileAttributes attributes) {
        if (output.size() == CommittedOutput.UNKNOWN) {
            return attributes.isRegularFile();
        }
        return attributes.isRegularFile() && attributes.size() == output.size()
                && Fingerprints.nanos(attributes.lastModifiedTime()) == output.modified();
    }
}
