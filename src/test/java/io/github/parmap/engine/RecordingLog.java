package io.github.parmap.engine;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunLog} that keeps every message, from any thread, for assertions. */
final class RecordingLog implements RunLog {

    /** One logged message. */
    record Entry(Level level, String message, Throwable thrown) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Level threshold;

    /** Records INFO and above, as a default Maven build shows. */
    RecordingLog() {
        this(Level.INFO);
    }

    RecordingLog(Level threshold) {
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

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<String> messages(Level level) {
        return entries.stream().filter(entry -> entry.level() == level).map(Entry::message).toList();
    }
}
