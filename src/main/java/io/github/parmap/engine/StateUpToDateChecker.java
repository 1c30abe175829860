package io.github.parmap.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The up-to-date checker of incremental runs, backed by the execution's {@link BuildState}.
 *
 * <p>An item is up to date when its state entry was recorded under the same configuration, its input has
 * the recorded size and either the recorded modification time or, failing that, the recorded content hash
 * (so a {@code touch} or a fresh checkout redoes nothing), and every recorded output is still there with
 * the size and time it was committed with (so an output deleted or edited by hand is redone).
 */
final class StateUpToDateChecker implements UpToDateChecker {
    /**
     * Inputs modified this close to the moment they were read get no recorded time, so that a change within
     * the file system's time stamp granularity is still caught, by the content hash.
     */
    private static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BuildState state;
    private final Path inputDirectory;
    private final Path outputDirectory;
    private final boolean force;
    private final OutputListener listener;
    private final RunLog log;
    /** Inputs with their recorded size: the candidates for being up to date. */
    private final List<String> sameSize;

    private StateUpToDateChecker(BuildState state, Path inputDirectory, Path outputDirectory, boolean force, OutputListener listener,
            RunLog log, List<String> sameSize) {
        this.state = state;
        this.inputDirectory = inputDirectory;
        this.outputDirectory = outputDirectory;
        this.force = force;
        this.listener = listener;
        this.log = log;
        this.sameSize = sameSize;
    }

    /**
     * Opens the state and forgets the inputs that are gone (deleted, or no longer selected), so that their
     * outputs are deleted at the end of the run.
     */
    static StateUpToDateChecker open(Incremental settings, ProcessingRequest request, List<InputFile> scanned) throws IOException {
        return open(BuildState.open(settings.stateDirectory(), settings.configurationFingerprint(), request.log()), settings, request, scanned);
    }

    /** As {@link #open(Incremental, ProcessingRequest, List)}, with the state loaded already; closes it on failure. */
    static StateUpToDateChecker open(BuildState state, Incremental settings, ProcessingRequest request, List<InputFile> scanned) throws IOException {
        try {
            RecordedOutputDirectory.bind(state, settings.stateDirectory(), request.outputDirectory(), request.outputListener(), request.log());
            List<String> sameSize = new ArrayList<>();
            int recorded = 0;
            for (InputFile file : scanned) {
                StateEntry entry = state.entry(file.relativePath());
                if (entry != null) {
                    recorded++;
                    if (!settings.force() && entry.size() == file.size()) {
                        sameSize.add(file.relativePath()); // most likely up to date, which the workers confirm
                    }
                }
            }
            if (recorded < state.size()) { // some recorded input is gone: find which (scanned paths are distinct)
                Set<String> present = new HashSet<>(scanned.size() * 2);
                scanned.forEach(file -> present.add(file.relativePath()));
                for (String input : state.inputs()) {
                    if (!present.contains(input)) {
                        state.remove(input);
                    }
                }
            }
            if (state.configurationChanged() && !scanned.isEmpty()) {
                request.log().info("The configuration changed since the last build (processor code, parameters, includes, excludes, "
                        + "directories or plugin version): every file is processed again");
            }
            return new StateUpToDateChecker(state, request.inputDirectory(), request.outputDirectory(), settings.force(),
                    request.outputListener(), request.log(), sameSize);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
    }

    @Override
    public int unchangedCount() {
        return sameSize.size();
    }

    @Override
    public void reserveRecordedOutputs(OutputClaims claims) {
        if (force) {
            return;
        }
        // Only the candidates: an input of another size, or of another configuration, is redone for sure, and
        // its outputs may well move to another input in the same build.
        for (String input : sameSize) {
            StateEntry entry = state.entry(input);
            if (entry != null && entry.size() != StateEntry.UNKNOWN) {
                entry.outputs().forEach(output -> claims.reserve(output.path(), input));
            }
        }
    }

    @Override
    public void releaseRecordedOutputs(InputFile file, OutputClaims claims) {
        StateEntry entry = state.entry(file.relativePath());
        if (entry != null) {
            entry.outputs().forEach(output -> claims.release(output.path(), file.relativePath()));
        }
    }

    @Override
    public boolean isUpToDate(InputFile file) throws IOException {
        StateEntry entry = state.entry(file.relativePath());
        if (force || entry == null || entry.size() != file.size() || !outputsIntact(entry)) {
            return false;
        }
        if (entry.modified() == file.modified()) {
            return true;
        }
        // Same size, another time: the content decides, and an unchanged input keeps its outputs.
        long readAt = now();
        if (!Arrays.equals(entry.sha256(), Fingerprints.sha256(inputDirectory.resolve(file.relativePath())))) {
            return false;
        }
        state.put(entry.withModified(recordableTime(file, readAt)));
        return true;
    }

    @Override
    public InputFingerprint fingerprint(InputFile file, Path path) throws IOException {
        long readAt = now(); // taken before the read, as in isUpToDate
        return new InputFingerprint(Fingerprints.sha256(path), readAt);
    }

    @Override
    public void recordProcessed(InputFile file, InputFingerprint fingerprint, List<StateEntry.Output> outputs) throws IOException {
        // The time decides against when the input was read, not when the item finished: a slow item ends
        // long after an edit within the same time stamp could have slipped in behind the read.
        state.put(new StateEntry(file.relativePath(), file.size(), recordableTime(file, fingerprint.readAtNanos()), fingerprint.sha256(),
                outputs));
    }

    @Override
    public void recordFailed(InputFile file) throws IOException {
        state.remove(file.relativePath());
    }

    @Override
    public int finish() throws IOException {
        int removed = new StaleOutputs(outputDirectory, listener, log).deleteUnchanged(state.orphanedOutputs()).removed();
        state.commit();
        return removed;
    }

    @Override
    public void close() throws IOException {
        state.close();
    }

    private boolean outputsIntact(StateEntry entry) throws IOException {
        for (StateEntry.Output output : entry.outputs()) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(outputDirectory.resolve(output.path()), BasicFileAttributes.class);
            } catch (NoSuchFileException deleted) {
                return false;
            }
            if (!attributes.isRegularFile() || attributes.size() != output.size()
                    || Fingerprints.nanos(attributes.lastModifiedTime()) != output.modified()) {
                return false;
            }
        }
        return true;
    }

    private static long recordableTime(InputFile file, long readAtNanos) {
        return readAtNanos - file.modified() < RACY_WINDOW_NANOS ? StateEntry.UNKNOWN : file.modified();
    }

    private static long now() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
