package io.github.parmap.engine;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.util.Locale;

/** Where a run's workers run their items: the {@code isolation} setting. */
public enum Isolation {
    /** Worker threads in the build's JVM: the fastest, for processors that behave. */
    NONE,
    /** Each worker in a JVM of its own, so that a processor that exits, crashes or hangs fails only its item. */
    PROCESS;

    /**
     * @param setting {@code none} or {@code process}, in any case; {@code null} or blank means {@code none}
     * @throws InvalidConfigurationException for anything else
     */
    public static Isolation parse(String setting) throws InvalidConfigurationException {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("isolation", setting,
                    "none (worker threads in the build's JVM, the default) or process (each worker in a JVM of its own)");
        }
    }
}
