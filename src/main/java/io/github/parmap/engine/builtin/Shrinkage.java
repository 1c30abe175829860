package io.github.parmap.engine.builtin;

/**
 * When a compressed sibling is worth keeping, by the rules web bundlers' compression plugins use: an input
 * smaller than {@code threshold} bytes is not compressed at all, and an output is kept only if it is at most
 * {@code minRatio} times the size of its input. A sibling no smaller than its file only costs space in the
 * jar: a server sends the original just as well.
 *
 * @param threshold inputs with fewer bytes are not compressed
 * @param minRatio the largest output size kept, as a share of the input's size; infinite keeps every output
 */
record Shrinkage(long threshold, double minRatio) {
    static final double DEFAULT_MIN_RATIO = 0.8;
    static final String THRESHOLD = "threshold";
    static final String MIN_RATIO = "minRatio";
    /** What the summary counts an item under when none of its outputs was kept. */
    static final String NOT_SMALLER = "not smaller";
    /** What the summary counts an item under when it is below the threshold. */
    static final String BELOW_THRESHOLD = "below threshold";

    static Shrinkage from(Parameters parameters) {
        long threshold = parameters.longInRange(THRESHOLD, 0, 0, Long.MAX_VALUE);
        double minRatio = parameters.decimal(MIN_RATIO, DEFAULT_MIN_RATIO, ratio -> ratio > 0,
                "a number above 0, such as 0.8 (Infinity keeps every output)");
        return new Shrinkage(threshold, minRatio);
    }

    boolean compresses(long inputSize) {
        return inputSize >= threshold;
    }

    boolean keeps(long inputSize, long outputSize) {
        return Double.isInfinite(minRatio) || outputSize <= minRatio * inputSize;
    }
}
