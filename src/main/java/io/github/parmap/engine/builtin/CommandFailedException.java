package io.github.parmap.engine.builtin;

import io.github.parmap.engine.support.PlainMessageException;
import java.util.List;

/** The {@code exec} processor's program ended with an exit code that is not a success code. */
public final class CommandFailedException extends PlainMessageException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> lastLines;

    CommandFailedException(String message, int exitCode, List<String> lastLines) {
        super(message);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /** @return the program's exit code */
    public int exitCode() {
        return exitCode;
    }

    /** @return the last lines the program printed to its standard error (or, if it printed none there, its standard output) */
    public List<String> lastLines() {
        return lastLines;
    }
}
