package io.github.parmap.engine.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run keeps track of what earlier runs did, so that it redoes only what changed.
 *
 * @param stateDirectory where this execution keeps its state; never inside the output directory
 * @param configurationFingerprint a digest of everything besides the inputs that decides the outputs:
 *     the processor's code, its parameters, the file selection, the directories; when it changes,
 *     every item is processed again
 * @param force whether to process every item even if it is up to date
 * @param lockWait how long a build waits for another build of the same execution (same state directory)
 *     to finish before it fails
 */
public record Incremental(Path stateDirectory, String configurationFingerprint, boolean force, Duration lockWait) {
    /** How long a build waits for another build of the same execution by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    /** Settings that wait {@link #DEFAULT_LOCK_WAIT} for another build of the same execution. */
    public Incremental(Path stateDirectory, String configurationFingerprint, boolean force) {
        this(stateDirectory, configurationFingerprint, force, DEFAULT_LOCK_WAIT);
    }

    /**
     * Deletes the state kept in a directory, for when incremental builds are turned off: a later incremental
     * run then starts from nothing instead of trusting a state that no longer describes the outputs.
     *
     * @param stateDirectory the directory an execution keeps its state in
     * @throws IOException if the state exists and cannot be deleted
     */
    public static void deleteState(Path stateDirectory) throws IOException {
        BuildState.delete(stateDirectory);
    }

    public Incremental {
        stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory").toAbsolutePath().normalize();
        Objects.requireNonNull(configurationFingerprint, "configurationFingerprint");
        Objects.requireNonNull(lockWait, "lockWait");
    }
}
