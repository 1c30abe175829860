package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import java.util.Arrays;
import java.util.List;

/**
 * One input's state entry copied out for the up-to-date check, or read from a snapshot, into fields that one
 * thread reuses from input to input: a no-op build checks every input, and an entry made per check was most
 * of its garbage.
 */
final class RecordedEntry {
    long size;
    long modified;
    int shaLength;
    final byte[] sha256 = new byte[StateTable.SHA_BYTES];
    int outputCount;
    String[] outputPaths = new String[1];
    long[] outputSizes = new long[1];
    long[] outputModified = new long[1];

    /** Makes room for this many outputs. */
    void reserveOutputs(int count) {
        if (count > outputPaths.length) {
            outputPaths = Arrays.copyOf(outputPaths, count);
            outputSizes = Arrays.copyOf(outputSizes, count);
            outputModified = Arrays.copyOf(outputModified, count);
        }
        outputCount = count;
    }

    /** @return the entry this holder holds, made as an object */
    StateEntry toEntry(String input) {
        CommittedOutput[] outputs = new CommittedOutput[outputCount];
        for (int i = 0; i < outputCount; i++) {
            outputs[i] = new CommittedOutput(outputPaths[i], outputSizes[i], outputModified[i]);
        }
        return new StateEntry(input, size, modified, Arrays.copyOf(sha256, shaLength), List.of(outputs));
    }

    /** @return whether the entry records a failure rather than a processed input, as {@link StateEntry#isFailure} */
    boolean isFailure() {
        return shaLength == 0;
    }

    /** @return whether the recorded content hash is this one */
    boolean hasSha256(byte[] other) {
        return Arrays.equals(sha256, 0, shaLength, other, 0, other.length);
    }
}
