package io.github.parmap.engine.processor;

import java.util.List;

/**
 * A processor source could not be turned into a processor class: it does not compile, it declares no class
 * named like the file, it cannot be read in its encoding, or no Java compiler is at hand. The message says
 * which, naming the file as its {@link ProcessorSource#displayPath()}, and is meant to be shown as it is.
 */
public final class ProcessorCompilationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final List<String> diagnostics;

    ProcessorCompilationException(String file, String message, List<String> diagnostics) {
        super(message);
        this.file = file;
        this.diagnostics = List.copyOf(diagnostics);
    }

    ProcessorCompilationException(String file, String message) {
        this(file, message, List.of());
    }

    /** @return the source file as messages name it */
    public String file() {
        return file;
    }

    /**
     * @return the compiler's messages as javac prints them, one entry per message, each starting with
     *     {@code file:line: error:} (or {@code warning:}) and possibly spanning several lines; empty when the
     *     failure was not the compiler's
     */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
