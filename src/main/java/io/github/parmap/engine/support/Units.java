package io.github.parmap.engine.support;

import java.time.Duration;
import java.util.Locale;

/** How durations, times and sizes are written in the engine's messages, the same way everywhere. */
public final class Units {
    private Units() {}

    /** @return a duration in the form users configure it, such as {@code 30s} or {@code 1500ms} */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** @return a measured time in seconds with two decimals, such as {@code 1.25 s} */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** @return a size in bytes, or in binary units from 1 KiB on, such as {@code 3.5 MiB} */
    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = count;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** @return {@code "s"} unless the count is one, for "1 file" and "2 files" */
    public static String plural(long count) {
        return count == 1 ? "" : "s";
    }
}
