package io.github.parmap.engine;

import java.time.Duration;

/** An item that ran longer than {@code itemTimeout}; it fails, and none of its outputs is committed. */
final class ItemTimeoutException extends PlainMessageException {
    private static final long serialVersionUID = 1L;

    ItemTimeoutException(Duration limit) {
        super("timed out: still running after " + DurationSetting.describe(limit) + " (itemTimeout)");
    }
}
