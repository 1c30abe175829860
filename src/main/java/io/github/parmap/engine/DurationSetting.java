package io.github.parmap.engine;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a duration setting such as {@code itemTimeout}: a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class DurationSetting {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private DurationSetting() {}

    /**
     * @param parameter the parameter's public name, for messages
     * @param setting the value as configured; {@code null} or blank means none
     * @return the duration, or {@code null} when none is set
     * @throws InvalidConfigurationException if the value has another form or is zero
     */
    public static Duration parse(String parameter, String setting) throws InvalidConfigurationException {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        Matcher matcher = FORM.matcher(setting.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (!duration.isZero()) {
                return duration;
            }
        }
        throw new InvalidConfigurationException(parameter, setting,
                "a positive whole number with a unit: ms, s, m or h (such as 500ms, 30s, 2m or 1h)");
    }

    /**
     * @param parameter the parameter's public name, for messages
     * @param seconds a whole number of seconds as configured
     * @return the duration
     * @throws InvalidConfigurationException if the number is below 1
     */
    public static Duration seconds(String parameter, int seconds) throws InvalidConfigurationException {
        if (seconds < 1) {
            throw new InvalidConfigurationException(parameter, Integer.toString(seconds), "a number of seconds, at least 1");
        }
        return Duration.ofSeconds(seconds);
    }
}
