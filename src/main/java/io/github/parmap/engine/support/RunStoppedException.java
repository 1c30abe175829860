package io.github.parmap.engine.support;

import java.io.IOException;

/**
 * A run that could not go on, for a reason its message explains in full (what, which file, what to do), so
 * that it is shown to users alone, without the exception's type: another build holding this execution's
 * state, for instance.
 */
public final class RunStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole explanation */
    public RunStoppedException(String message) {
        super(message);
    }
}
