package io.github.parmap.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** A Maven {@link Log} that keeps every message, so that tests can check what a user would read. */
final class RecordingLog implements Log {

    enum Level { DEBUG, INFO, WARN, ERROR }

    record Entry(Level level, String message, Throwable thrown) {}

    private final List<Entry> entries = new ArrayList<>();

    /** @return every message logged so far, in order */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** @return the messages logged at {@code level}, in order */
    synchronized List<String> messages(Level level) {
        return entries.stream().filter(e -> e.level() == level).map(Entry::message).toList();
    }

    private synchronized void add(Level level, CharSequence message, Throwable thrown) {
        entries.add(new Entry(level, message == null ? null : message.toString(), thrown));
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        add(Level.DEBUG, content, null);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        add(Level.DEBUG, content, error);
    }

    @Override
    public void debug(Throwable error) {
        add(Level.DEBUG, null, error);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public void info(CharSequence content) {
        add(Level.INFO, content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        add(Level.INFO, content, error);
    }

    @Override
    public void info(Throwable error) {
        add(Level.INFO, null, error);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(CharSequence content) {
        add(Level.WARN, content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        add(Level.WARN, content, error);
    }

    @Override
    public void warn(Throwable error) {
        add(Level.WARN, null, error);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(CharSequence content) {
        add(Level.ERROR, content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        add(Level.ERROR, content, error);
    }

    @Override
    public void error(Throwable error) {
        add(Level.ERROR, null, error);
    }
}
