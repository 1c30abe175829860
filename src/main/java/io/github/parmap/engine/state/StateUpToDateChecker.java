package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.OutputClaims;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.RunLog;
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
import java.util.Map;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The up-to-date checker of incremental runs, backed by the execution's {@link BuildState}.
 *
 * <p>An item is up to date when its state entry was recorded under the same configuration, its input has
 * the recorded size and either the recorded modification time or, failing that, the recorded content hash
 * (so a {@code touch} or a fresh checkout redoes nothing), and every recorded output is still there with
 * the size and time it was committed with (so an output deleted or edited by hand is redone).
 */
public final class StateUpToDateChecker implements UpToDateChecker {
    /**
     * Inputs modified this close to the moment they were read get no recorded time, so that a change within
     * the file system's time stamp granularity is still caught, by the content hash.
     */
    private static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BuildState state;
    private final Path inputDirectory;
    private final Path outputDirectory;
    private final boolean force;
    private final List<InputFile> items;
    /** Per item, the slot of its entry in the state, or -1: found once for all, so that no check looks an entry up. */
    private final int[] slots;
    /** The items with their recorded size: the candidates for being up to date. */
    private final BitSet sameSize;
    /** Each worker thread's holder for the entry it checks. */
    private final ThreadLocal<RecordedEntry> recorded = ThreadLocal.withInitial(RecordedEntry::new);
    /** Why every item is redone when the configuration changed: the processor, or another setting. */
    private final Reason configurationChange;
    private final Path stateDirectory;
    private final Map<String, String> settingDigests;

    private StateUpToDateChecker(BuildState state, Path inputDirectory, Path outputDirectory, Incremental incremental, List<InputFile> items,
            int[] slots, BitSet sameSize, Reason configurationChange) {
        this.items = items;
        this.slots = slots;
        this.state = state;
        this.inputDirectory = inputDirectory;
        this.outputDirectory = outputDirectory;
        this.force = incremental.force();
        this.sameSize = sameSize;
        this.configurationChange = configurationChange;
        this.stateDirectory = incremental.stateDirectory();
        this.settingDigests = incremental.settingDigests();
    }

    /**
     * Starts the checks of a run on a loaded state: forgets the inputs that are gone (deleted, or no longer
     * selected), so that their outputs count as orphaned. Closes the state if this fails.
     *
     * @param state the execution's state, bound to the output directory already
     * @param incremental the run's incremental settings: whether to force, and each setting's digest
     * @param inputDirectory the run's input directory
     * @param outputDirectory the run's output directory
     * @param log where the note of a changed configuration goes
     * @param scanned the run's items, sorted by relative path as the scan lists them
     */
    public static StateUpToDateChecker open(BuildState state, Incremental incremental, Path inputDirectory, Path outputDirectory, RunLog log,
            List<InputFile> scanned) throws IOException {
        boolean force = incremental.force();
        try {
            state.reserve(scanned.size());
            // Item numbers, not paths: a large run holds no string per candidate.
            int[] slots = state.slotsOf(scanned.size(), item -> scanned.get(item).relativePath());
            BitSet sameSize = new BitSet(scanned.size());
            int recorded = 0;
            for (int item = 0; item < scanned.size(); item++) {
                if (slots[item] >= 0) {
                    recorded++;
                    if (!force && state.recordedSizeAt(slots[item]) == scanned.get(item).size()) {
                        sameSize.set(item); // most likely up to date, which the workers confirm
                    }
                }
            }
            if (recorded < state.size()) { // some recorded input is gone: find which (scanned paths are distinct)
                Predicate<String> present = isSorted(scanned) ? path -> isListed(scanned, path) : presentIn(scanned);
                for (String input : state.inputsNotIn(present)) {
                    state.remove(input);
                }
            }
            Reason configurationChange = Reason.CONFIGURATION_CHANGED;
            if (state.configurationChanged()) {
                List<String> changed = incremental.settingDigests().isEmpty() ? null
                        : SettingDigests.changedSince(incremental.stateDirectory(), incremental.settingDigests());
                if (changed != null && changed.contains(ConfigurationFingerprint.PROCESSOR)) {
                    configurationChange = Reason.PROCESSOR_CHANGED;
                }
                if (!scanned.isEmpty()) {
                    log.info(changed == null || changed.isEmpty()
                            ? "The configuration changed since the last build (processor code, parameters, includes, excludes, "
                                    + "directories or plugin version): every file is processed again"
                            : "The configuration changed since the last build (" + String.join(", ", changed)
                                    + "): every file is processed again");
                }
            }
            return new StateUpToDateChecker(state, inputDirectory, outputDirectory, incremental, scanned, slots, sameSize, configurationChange);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
    }

    @Override
    public int unchangedCount() {
        return sameSize.cardinality();
    }

    @Override
    public void reserveRecordedOutputs(OutputClaims claims) {
        if (force) {
            return;
        }
        // Only the candidates: an input of another size, or of another configuration, is redone for sure, and
        // its outputs may well move to another input in the same build.
        for (int item = sameSize.nextSetBit(0); item >= 0; item = sameSize.nextSetBit(item + 1)) {
            String input = items.get(item).relativePath();
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
    public Verdict check(int item, InputFile file) throws IOException {
        if (force) {
            return Verdict.redo(Reason.FORCED);
        }
        RecordedEntry entry = recorded.get();
        if (!state.read(slots[item], file.relativePath(), entry)) {
            return Verdict.redo(Reason.NEW_INPUT);
        }
        if (entry.isFailure()) {
            return Verdict.redo(Reason.FAILED_BEFORE);
        }
        if (entry.size == StateEntry.UNKNOWN) {
            // Recorded under the last configuration; a build killed while redoing them has recorded some anew.
            return Verdict.redo(configurationChange);
        }
        if (entry.size != file.size()) {
            return Verdict.redo(Reason.INPUT_CHANGED);
        }
        if (!outputsIntact(entry)) {
            return Verdict.redo(Reason.OUTPUT_CHANGED);
        }
        if (entry.modified == file.modified()) {
            return Verdict.UNCHANGED;
        }
        // Same size, another time: the content decides, and an unchanged input keeps its outputs.
        long readAt = now();
        if (!entry.hasSha256(Fingerprints.sha256(inputDirectory.resolve(file.relativePath())))) {
            return Verdict.redo(Reason.INPUT_CHANGED);
        }
        return new Verdict(true, readAt, null);
    }

    @Override
    public void recordUpToDate(InputFile file, Verdict verdict) throws IOException {
        if (verdict.contentReadAtNanos() == 0) {
            return;
        }
        StateEntry entry = state.entry(file.relativePath());
        if (entry != null) {
            state.put(entry.withModified(recordableTime(file, verdict.contentReadAtNanos())));
        }
    }

    @Override
    public InputFingerprint fingerprint(InputFile file, Path path) throws IOException {
        long readAt = now(); // taken before the read, as in isUpToDate
        return new InputFingerprint(Fingerprints.sha256(path), readAt);
    }

    @Override
    public void recordProcessed(InputFile file, InputFingerprint fingerprint, List<CommittedOutput> outputs) throws IOException {
        // The time decides against when the input was read, not when the item finished: a slow item ends
        // long after an edit within the same time stamp could have slipped in behind the read.
        state.put(new StateEntry(file.relativePath(), file.size(), recordableTime(file, fingerprint.readAtNanos()), fingerprint.sha256(),
                outputs));
    }

    @Override
    public void recordFailed(InputFile file) throws IOException {
        state.put(StateEntry.failed(file.relativePath())); // its earlier outputs are retired, as for a removed input
    }

    @Override
    public List<CommittedOutput> orphanedOutputs() {
        return state.orphanedOutputs();
    }

    @Override
    public void commit() throws IOException {
        state.commit();
        if (!settingDigests.isEmpty()) {
            SettingDigests.write(stateDirectory, settingDigests);
        }
    }

    @Override
    public void close() throws IOException {
        state.close();
    }

    private static boolean isSorted(List<InputFile> items) {
        for (int item = 1; item < items.size(); item++) {
            if (items.get(item - 1).relativePath().compareTo(items.get(item).relativePath()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a path is among the items, sorted by path */
    private static boolean isListed(List<InputFile> sortedItems, String path) {
        int low = 0;
        int high = sortedItems.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = sortedItems.get(middle).relativePath().compareTo(path);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static Predicate<String> presentIn(List<InputFile> items) {
        Set<String> present = new HashSet<>(items.size() * 2);
        items.forEach(file -> present.add(file.relativePath()));
        return present::contains;
    }

    private boolean outputsIntact(RecordedEntry entry) throws IOException {
        for (int output = 0; output < entry.outputCount; output++) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(outputDirectory.resolve(entry.outputPaths[output]), BasicFileAttributes.class);
            } catch (NoSuchFileException deleted) {
                return false;
            }
            if (!attributes.isRegularFile() || attributes.size() != entry.outputSizes[output]
                    || Fingerprints.nanos(attributes.lastModifiedTime()) != entry.outputModified[output]) {
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
