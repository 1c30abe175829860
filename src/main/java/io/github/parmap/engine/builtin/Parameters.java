package io.github.parmap.engine.builtin;

import io.github.parmap.engine.PlainMessageException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks a built-in processor's parameters, naming the parameter and the accepted values on error. */
final class Parameters {
    private final String processor;
    private final Map<String, String> values;

    Parameters(String processor, Map<String, String> values, Set<String> known) {
        this.processor = processor;
        this.values = values;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new PlainMessageException("unknown parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " for the " + processor + " processor; it accepts: " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
        }
    }

    int intInRange(String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PlainMessageException("parameter <" + name + "> of the " + processor + " processor must be a whole number from "
                + min + " to " + max + ", was: '" + raw + "'");
    }
}
