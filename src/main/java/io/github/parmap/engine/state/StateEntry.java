package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import java.util.List;

/**
 * What the build state remembers of one input: its fingerprint when it was last processed, and the outputs
 * that processing committed.
 *
 * @param input the input's path relative to the input directory
 * @param size the input's size, or {@link #UNKNOWN} when the entry must not count as up to date (it was
 *     recorded under another configuration)
 * @param modified the input's modification time in nanoseconds, or {@link #UNKNOWN} when it must be
 *     confirmed by the content hash (it changed too close to when it was read)
 * @param sha256 the SHA-256 of the input's content
 * @param outputs the committed outputs, relative to the output directory
 */
public record StateEntry(String input, long size, long modified, byte[] sha256, List<CommittedOutput> outputs) {

    /** A size or time that matches no file. */
    public static final long UNKNOWN = -1;

    public StateEntry {
        outputs = List.copyOf(outputs);
    }

    /**
     * @return the entry of an input that failed: it records no output and no content, so that its input is
     *     processed again, and the next build can say why
     */
    static StateEntry failed(String input) {
        return new StateEntry(input, UNKNOWN, UNKNOWN, new byte[0], List.of());
    }

    /** @return whether this entry records a failure rather than a processed input */
    boolean isFailure() {
        return sha256.length == 0;
    }

    /** @return this entry with a fingerprint that no input matches, so its input is processed again */
    StateEntry outdated() {
        return new StateEntry(input, UNKNOWN, UNKNOWN, sha256, outputs);
    }

    /** @return this entry with a new modification time, after a content check showed the input unchanged */
    StateEntry withModified(long newModified) {
        return new StateEntry(input, size, newModified, sha256, outputs);
    }
}
