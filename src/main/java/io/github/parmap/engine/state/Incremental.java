package io.github.parmap.engine.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * @param settingDigests each setting's own digest by the name users know it by (see
 *     {@link ConfigurationFingerprint#settingDigests()}), so that a changed configuration is explained by
 *     which settings changed; empty if not known
 */
public record Incremental(Path stateDirectory, String configurationFingerprint, boolean force, Duration lockWait,
        Map<String, String> settingDigests) {
    /** How long a build waits for another build of the same execution by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    /** Settings that wait {@link #DEFAULT_LOCK_WAIT} for another build of the same execution. */
    public Incremental(Path stateDirectory, String configurationFingerprint, boolean force) {
        this(stateDirectory, configurationFingerprint, force, DEFAULT_LOCK_WAIT, Map.of());
    }

    /** Settings that wait for another build of the same execution as long as given. */
    public Incremental(Path stateDirectory, String configurationFingerprint, boolean force, Duration lockWait) {
        this(stateDirectory, configurationFingerprint, force, lockWait, Map.of());
    }

    /** @return these settings, with each setting's own digest, which explain a changed configuration */
    public Incremental withSettingDigests(Map<String, String> digests) {
        return new Incremental(stateDirectory, configurationFingerprint, force, lockWait, digests);
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
        settingDigests = settingDigests == null ? Map.of() : Map.copyOf(settingDigests);
    }
}
