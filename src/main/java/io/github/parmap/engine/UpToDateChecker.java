package io.github.parmap.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides which items can be skipped because an earlier run already produced their outputs, and records
 * what this run produces. Workers call it from several threads at once.
 */
interface UpToDateChecker extends AutoCloseable {

    /** @return a checker for runs without incremental builds: nothing is up to date, nothing is recorded */
    static UpToDateChecker none() {
        return NoUpToDateChecker.INSTANCE;
    }

    /**
     * @return how many of the scanned files the last run recorded with the same size, so most likely up to
     *     date, before their time, content and outputs are checked; for the start line
     */
    int unchangedCount();

    /** Reserves the outputs that up-to-date candidates wrote in an earlier run, for conflict checks. */
    void reserveRecordedOutputs(OutputClaims claims);

    /** Releases an input's reserved outputs, before it is processed again. */
    void releaseRecordedOutputs(InputFile file, OutputClaims claims);

    /**
     * @param file a scanned input
     * @return whether its outputs from an earlier run are still valid, so the item is skipped
     */
    boolean isUpToDate(InputFile file) throws IOException;

    /**
     * Reads what identifies the input's content, before the processor reads the input.
     *
     * @param path the input's path, resolved already
     * @return the fingerprint to hand back to {@link #recordProcessed}, or {@code null}
     */
    InputFingerprint fingerprint(InputFile file, Path path) throws IOException;

    /** Records a processed item, after its outputs are committed. */
    void recordProcessed(InputFile file, InputFingerprint fingerprint, List<StateEntry.Output> outputs) throws IOException;

    /** Records a failed item: it is never up to date, and its earlier outputs are stale. */
    void recordFailed(InputFile file) throws IOException;

    /**
     * Ends a run whose items all went through the workers: deletes the outputs that no input produces any
     * more and writes the state.
     *
     * @return how many stale outputs were deleted
     */
    int finish() throws IOException;

    @Override
    void close() throws IOException;

    /**
     * What identified an input's content when a worker read it.
     *
     * @param sha256 the content hash
     * @param readAtNanos when the content was read, in nanoseconds since the epoch: a time stamp this close
     *     to the input's modification time cannot be trusted to reveal a later change
     */
    record InputFingerprint(byte[] sha256, long readAtNanos) {}

    /** The checker of a run without incremental builds. */
    enum NoUpToDateChecker implements UpToDateChecker {
        INSTANCE;

        @Override
        public int unchangedCount() {
            return 0;
        }

        @Override
        public void reserveRecordedOutputs(OutputClaims claims) {}

        @Override
        public void releaseRecordedOutputs(InputFile file, OutputClaims claims) {}

        @Override
        public boolean isUpToDate(InputFile file) {
            return false;
        }

        @Override
        public InputFingerprint fingerprint(InputFile file, Path path) {
            return null;
        }

        @Override
        public void recordProcessed(InputFile file, InputFingerprint fingerprint, List<StateEntry.Output> outputs) {}

        @Override
        public void recordFailed(InputFile file) {}

        @Override
        public int finish() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
