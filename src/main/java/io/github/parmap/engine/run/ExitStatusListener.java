package io.github.parmap.engine.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns the status of a {@code Runtime.exit} call, which a shutdown hook is not told. Java 21 and later log
 * each call before the shutdown starts, in the calling thread, to the {@code System.Logger} named
 * {@code java.lang.Runtime} at DEBUG, with a {@code Throwable} whose message is {@code Runtime.exit(STATUS)}.
 * Without a {@code System.LoggerFinder} of its own (Maven 3 has none) that logger is the
 * {@code java.util.logging} one of that name: while installed, this handler lowers its level to FINE, keeps
 * the status each thread asked for, and, unless they were enabled already, stops the records from reaching
 * the console. Java 17 logs nothing,
 * and the status stays unknown.
 */
public final class ExitStatusListener extends Handler {
    private static final String LOGGER_NAME = "java.lang.Runtime";
    private static final Pattern EXIT = Pattern.compile("Runtime\\.exit\\((-?\\d+)\\)");

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParentHandlers;
    private final Map<Thread, Integer> statuses = new ConcurrentHashMap<>();

    private ExitStatusListener(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.previousUseParentHandlers = logger.getUseParentHandlers();
    }

    /** @return the listener, installed; or {@code null} if {@code java.util.logging} cannot be configured here */
    static ExitStatusListener install() {
        try {
            ExitStatusListener listener = new ExitStatusListener(Logger.getLogger(LOGGER_NAME));
            listener.logger.addHandler(listener);
            if (!listener.logger.isLoggable(Level.FINE)) {
                // Nobody asked for these records: enable them for this handler only.
                listener.logger.setUseParentHandlers(false);
                listener.logger.setLevel(Level.FINE);
            }
            return listener;
        } catch (RuntimeException | LinkageError notConfigurable) {
            return null;
        }
    }

    void uninstall() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParentHandlers);
        statuses.clear();
    }

    /** @return the status this thread passed to {@code Runtime.exit}, or {@code null} if the JDK did not tell */
    Integer statusOf(Thread thread) {
        return statuses.get(thread);
    }

    @Override
    public void publish(LogRecord record) {
        Throwable thrown = record.getThrown();
        Matcher exit = EXIT.matcher(thrown == null || thrown.getMessage() == null ? "" : thrown.getMessage());
        if (exit.matches()) {
            try {
                statuses.put(Thread.currentThread(), Integer.parseInt(exit.group(1)));
            } catch (NumberFormatException notAStatus) {
                // not the JDK's record
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
