package io.github.parmap.engine.run;

import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.Units;
import java.time.Duration;

/** An item that ran longer than {@code itemTimeout}; it fails, and none of its outputs is committed. */
public final class ItemTimeoutException extends PlainMessageException {
    private static final long serialVersionUID = 1L;

    ItemTimeoutException(Duration limit) {
        super("timed out: still running after " + Units.duration(limit) + " (itemTimeout)");
    }
}
