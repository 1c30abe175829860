package io.github.parmap.engine;

/**
 * One item that did not complete.
 *
 * @param relativePath the input's path relative to the input directory
 * @param cause what the processor (or committing its outputs) threw
 */
public record ItemFailure(String relativePath, Throwable cause) {

    /** @return the item's path and the short reason, for example {@code "data/b.csv: NumberFormatException: For input string: \"x\""} */
    public String describe() {
        return relativePath + ": " + Failures.describe(cause);
    }
}
