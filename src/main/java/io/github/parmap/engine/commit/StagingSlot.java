package io.github.parmap.engine.commit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One worker's directory in the staging area, reused by every item the worker takes: items of one worker run
 * one after another, and creating and removing a directory per item costs more than the small files many
 * runs process. Confined to the worker's thread.
 */
public final class StagingSlot {
    private final StagingArea area;
    private final Path directory;
    private boolean created;

    /** @param directory a slot directory whose parent exists, or no longer does once the run is stopped */
    public StagingSlot(Path directory) {
        this(null, directory);
    }

    /** @param area the run's staging area, created on disk, if need be, before the slot's directory */
    public StagingSlot(StagingArea area, Path directory) {
        this.area = area;
        this.directory = directory;
    }

    /**
     * @param directory a slot directory that exists, made by the build's JVM for a worker JVM's items
     * @return the slot, which never creates its directory
     */
    public static StagingSlot existing(Path directory) {
        StagingSlot slot = new StagingSlot(null, directory);
        slot.created = true;
        return slot;
    }

    /** @return the directory, created on first use */
    Path directory() throws IOException {
        if (!created) {
            if (area != null) {
                area.create();
            }
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
