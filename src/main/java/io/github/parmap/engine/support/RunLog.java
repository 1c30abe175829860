package io.github.parmap.engine.support;

import java.lang.System.Logger.Level;

/**
 * Where the engine and the processors' loggers send their messages. Implementations must accept calls from
 * several threads at once and write each message whole.
 */
public interface RunLog {

    /**
     * @param level a message level
     * @return whether messages of that level are shown
     */
    boolean isEnabled(Level level);

    /**
     * @param level the message level
     * @param message the message, one or more lines
     * @param thrown an exception to show with it, or {@code null}
     */
    void log(Level level, String message, Throwable thrown);

    /** @param message an INFO message */
    default void info(String message) {
        log(Level.INFO, message, null);
    }

    /** @param message a WARNING message */
    default void warn(String message) {
        log(Level.WARNING, message, null);
    }

    /** @param message a DEBUG message, built only if DEBUG is shown */
    default void debug(java.util.function.Supplier<String> message) {
        if (isEnabled(Level.DEBUG)) {
            log(Level.DEBUG, message.get(), null);
        }
    }

    /** @return a log that discards everything */
    static RunLog silent() {
        return new RunLog() {
            @Override
            public boolean isEnabled(Level level) {
                return false;
            }

            @Override
            public void log(Level level, String message, Throwable thrown) {}
        };
    }
}
