package io.github.parmap.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One worker's directory in the staging area, reused by every item the worker takes: items of one worker run
 * one after another, and creating and removing a directory per item costs more than the small files many
 * runs process. Confined to the worker's thread.
 */
final class StagingSlot {
    private final Path directory;
    private boolean created;

    StagingSlot(Path directory) {
        this.directory = directory;
    }

    /** @return the directory, created on first use */
    Path directory() throws IOException {
        if (!created) {
            // Not createDirectories: once the run's staging area is removed (the build was stopped), nothing
            // may bring it back.
            Files.createDirectory(directory);
            created = true;
        }
        return directory;
    }

    /** @return the directory's path, whether or not it exists yet */
    Path path() {
        return directory;
    }
}
