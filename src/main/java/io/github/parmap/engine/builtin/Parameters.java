package io.github.parmap.engine.builtin;

import io.github.parmap.engine.support.PlainMessageException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

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
        return optionalIntInRange(name, min, max).orElse(defaultValue);
    }

    /** @return the value, or empty when the parameter is absent or blank */
    OptionalInt optionalIntInRange(String name, int min, int max) {
        OptionalLong value = optionalLongInRange(name, min, max);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    long longInRange(String name, long defaultValue, long min, long max) {
        return optionalLongInRange(name, min, max).orElse(defaultValue);
    }

    /** @return the value, or empty when the parameter is absent or blank */
    OptionalLong optionalLongInRange(String name, long min, long max) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "a whole number from " + min + " to " + max);
    }

    /** @param what the accepted values in words, for the message, such as {@code "a number from 0 to 1"} */
    double decimal(String name, double defaultValue, DoublePredicate accepted, String what) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (accepted.test(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, what);
    }

    /**
     * @param accepted the accepted values, in lower case, in the order the message lists them
     * @return the value in lower case, or {@code defaultValue} when absent or blank
     */
    String choice(String name, String defaultValue, List<String> accepted) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(value)) {
            throw invalid(name, "one of " + String.join(", ", accepted));
        }
        return value;
    }

    /** @return the value as written (not trimmed), or empty when the parameter is absent or blank */
    Optional<String> text(String name) {
        String raw = values.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw);
    }

    /**
     * @param example what a good value looks like, shown when the parameter is missing
     * @return the value as written (not trimmed)
     */
    String required(String name, String example) {
        return text(name).orElseThrow(() -> new PlainMessageException("the " + processor + " processor needs parameter <" + name + ">, "
                + example));
    }

    /** @return an error saying that the parameter's value is not what is accepted, quoting the value */
    PlainMessageException invalid(String name, String expected) {
        return invalid(name, expected, values.get(name));
    }

    /** @return an error saying that the parameter (or the quoted part of it) is not what is accepted */
    PlainMessageException invalid(String name, String expected, String was) {
        return new PlainMessageException("parameter <" + name + "> of the " + processor + " processor must be " + expected
                + ", was: '" + was + "'");
    }
}
