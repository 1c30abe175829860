package io.github.parmap.engine.state;

/** Why an incremental build processes an item again instead of keeping its outputs. */
public enum Reason {
    /** No earlier build recorded the input. */
    NEW_INPUT("new input"),
    /** The input's size or content differs from what the last build recorded. */
    INPUT_CHANGED("input changed"),
    /** One of the outputs the last build committed is missing, or not as it was committed. */
    OUTPUT_CHANGED("output missing or modified"),
    /** A setting other than the processor's code changed since the last build: every item is redone. */
    CONFIGURATION_CHANGED("configuration changed"),
    /** The processor's code changed (its class path, or its processorSource): every item is redone. */
    PROCESSOR_CHANGED("processor changed"),
    /** The item failed in the last build. */
    FAILED_BEFORE("failed in the last build"),
    /** {@code force} was set. */
    FORCED("forced");

    private final String words;

    Reason(String words) {
        this.words = words;
    }

    /** @return the reason as the log and the timing report say it, such as {@code "input changed"} */
    public String words() {
        return words;
    }
}
