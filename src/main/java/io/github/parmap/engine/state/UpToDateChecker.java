package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.OutputClaims;
import io.github.parmap.engine.scan.InputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides which items can be skipped because an earlier run already produced their outputs, and records
 * what this run produces. Workers call it from several threads at once.
 */
public interface UpToDateChecker extends AutoCloseable {

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
     * Asks, without changing anything, whether an input's outputs from an earlier run are still valid.
     *
     * @param item the input's number among the items the checker was opened with
     * @param file that input
     * @return whether the item is skipped, and how that was decided
     */
    Verdict check(int item, InputFile file) throws IOException;

    /** Records that an input was found up to date: a time confirmed by its content is remembered, so the next check is cheap. */
    void recordUpToDate(InputFile file, Verdict verdict) throws IOException;

    /**
     * Reads what identifies the input's content, before the processor reads the input.
     *
     * @param path the input's path, resolved already
     * @return the fingerprint to hand back to {@link #recordProcessed}, or {@code null}
     */
    InputFingerprint fingerprint(InputFile file, Path path) throws IOException;

    /** Records a processed item, after its outputs are committed. */
    void recordProcessed(InputFile file, InputFingerprint fingerprint, List<CommittedOutput> outputs) throws IOException;

    /** Records a failed item: it is never up to date, and its earlier outputs are stale. */
    void recordFailed(InputFile file) throws IOException;

    /**
     * @return the outputs of earlier runs that no input produces any more, for a run whose items all went
     *     through the workers: the caller deletes those still unchanged before {@link #commit}
     */
    List<CommittedOutput> orphanedOutputs();

    /** Makes what this run recorded the state the next run starts from. */
    void commit() throws IOException;

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

    /**
     * What the up-to-date check found.
     *
     * @param upToDate whether the item is skipped
     * @param contentReadAtNanos for an input whose time changed but whose content did not, when its content
     *     was read (as in {@link InputFingerprint}); 0 when the recorded time matched
     * @param reason why the item is processed again, or {@code null} when it is up to date or the run keeps
     *     no state
     */
    record Verdict(boolean upToDate, long contentReadAtNanos, Reason reason) {
        /** The run keeps no state: every item is processed. */
        public static final Verdict NOT_INCREMENTAL = new Verdict(false, 0, null);
        /** The input has its recorded size and time, and its outputs are intact. */
        public static final Verdict UNCHANGED = new Verdict(true, 0, null);

        /** @return the verdict that the item is processed again, for that reason */
        public static Verdict redo(Reason reason) {
            return new Verdict(false, 0, reason);
        }
    }

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
        public Verdict check(int item, InputFile file) {
            return Verdict.NOT_INCREMENTAL;
        }

        @Override
        public void recordUpToDate(InputFile file, Verdict verdict) {}

        @Override
        public InputFingerprint fingerprint(InputFile file, Path path) {
            return null;
        }

        @Override
        public void recordProcessed(InputFile file, InputFingerprint fingerprint, List<CommittedOutput> outputs) {}

        @Override
        public void recordFailed(InputFile file) {}

        @Override
        public List<CommittedOutput> orphanedOutputs() {
            return List.of();
        }

        @Override
        public void commit() {}

        @Override
        public void close() {}
    }
}
