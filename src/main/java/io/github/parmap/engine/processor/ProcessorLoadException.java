package io.github.parmap.engine.processor;


/** The configured processor cannot be used: it was not found, or it is not a usable processor class. */
public class ProcessorLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String processorName;

    ProcessorLoadException(String processorName, String message, Throwable cause) {
        super(message, cause);
        this.processorName = processorName;
    }

    /** @return the processor name as configured */
    public String processorName() {
        return processorName;
    }

    /** No built-in has the name and no class of that name could be loaded. */
    public static final class NotFound extends ProcessorLoadException {
        private static final long serialVersionUID = 1L;

        NotFound(String processorName, Throwable cause) {
            super(processorName, "processor class " + processorName + " was not found", cause);
        }
    }

    /** A class was found but cannot serve as a processor; the message says why. */
    public static final class NotAProcessor extends ProcessorLoadException {
        private static final long serialVersionUID = 1L;

        NotAProcessor(String processorName, String reason) {
            super(processorName, "class " + processorName + " cannot be used as a processor: " + reason, null);
        }
    }
}
