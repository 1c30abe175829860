package io.github.parmap.engine.run;

import io.github.parmap.engine.support.RunLog;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The {@link System.Logger} handed to processors: a thin view of the run's {@link RunLog}. */
public final class RunLogLogger implements System.Logger {
    private final String name;
    private final RunLog log;

    public RunLogLogger(String name, RunLog log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && log.isEnabled(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            log.log(level, localize(bundle, message), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String pattern = localize(bundle, format);
            String message = params == null || params.length == 0 ? pattern : format(pattern, params);
            log.log(level, message, null);
        }
    }

    /** Fills in the parameters; a pattern MessageFormat cannot read is logged as written, as java.util.logging does. */
    private static String format(String pattern, Object[] params) {
        try {
            return MessageFormat.format(pattern, params);
        } catch (IllegalArgumentException notAPattern) {
            return pattern;
        }
    }

    private static String localize(ResourceBundle bundle, String key) {
        if (bundle != null && key != null && bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return String.valueOf(key);
    }
}
