package io.github.parmap.engine;

import io.github.parmap.engine.support.RunLog;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunLog} that keeps every message, from any thread, for assertions. */
public final class RecordingLog implements RunLog {

    /** One logged message. */
    public record Entry(Level level, String message, Throwable thrown) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Level threshold;

    /** Records INFO and above, as a default Maven build shows. */
    public RecordingLog() {
        this(Level.INFO);
    }

    public RecordingLog(Level threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean isEnabled(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
        entries.add(new Entry(level, message, thrown));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<String> messages(Level level) {
        return entries.stream().filter(entry -> entry.level() == level).map(Entry::message).toList();
    }
}
