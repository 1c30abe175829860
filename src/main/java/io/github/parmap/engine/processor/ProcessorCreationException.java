package io.github.parmap.engine.processor;

import io.github.parmap.engine.support.Failures;

/** A processor's constructor threw; carries the processor's own exception as the cause. */
public final class ProcessorCreationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProcessorCreationException(String processorName, Throwable cause) {
        super("processor " + processorName + " could not be created: " + Failures.describe(cause), cause);
    }
}
