package io.github.parmap.engine;

/** A processor's constructor threw; carries the processor's own exception as the cause. */
final class ProcessorCreationException extends Exception {
    private static final long serialVersionUID = 1L;

    ProcessorCreationException(String processorName, Throwable cause) {
        super("processor " + processorName + " could not be created: " + Failures.describe(cause), cause);
    }
}
