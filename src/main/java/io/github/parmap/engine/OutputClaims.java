package io.github.parmap.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Which item writes which output, so that two items writing one output path are caught and named. */
final class OutputClaims {
    private final ConcurrentMap<String, String> ownerByOutput = new ConcurrentHashMap<>();

    /**
     * @param output the canonical relative output path
     * @param item the claiming item's relative path
     * @throws OutputConflictException if another item already claimed the output
     */
    void claim(String output, String item) {
        String owner = ownerByOutput.putIfAbsent(output, item);
        if (owner != null && !owner.equals(item)) {
            throw new OutputConflictException(output, owner, item);
        }
    }

    /** Two items asked for the same output path. */
    static final class OutputConflictException extends PlainMessageException {
        private static final long serialVersionUID = 1L;

        OutputConflictException(String output, String firstItem, String secondItem) {
            super("output '" + output + "' is written by both '" + firstItem + "' and '" + secondItem
                    + "'; each output path may come from one input only");
        }
    }
}
