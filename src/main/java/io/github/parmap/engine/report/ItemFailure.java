package io.github.parmap.engine.report;

import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.PrintablePaths;

/**
 * One item that did not complete.
 *
 * @param relativePath the input's path relative to the input directory
 * @param cause what the processor (or committing its outputs) threw
 */
public record ItemFailure(String relativePath, Throwable cause) {

    /**
     * @return the item's path and the short reason, for example
     *     {@code "data/b.csv: NumberFormatException: For input string: \"x\""}; the path is shown on one line
     *     even if the file's name holds a line break (see {@link PrintablePaths#printable})
     */
    public String describe() {
        return PrintablePaths.printable(relativePath) + ": " + Failures.describe(cause);
    }
}
