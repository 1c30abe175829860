package io.github.parmap.engine;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a size setting such as {@code cacheMaxSize}: bytes, or a binary multiple, {@code 64k}, {@code 500M}, {@code 2G}, {@code 2GiB}. */
public final class SizeSetting {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(?:([KMGT])(?:I?B)?|B)?");

    private SizeSetting() {}

    /**
     * @param parameter the parameter's public name, for messages
     * @param text a size in bytes, or with a binary unit: {@code 2G}, {@code 2GB}, {@code 2GiB}, {@code 500M}, {@code 64k}
     * @return the size in bytes
     * @throws InvalidConfigurationException naming the parameter if the text is no such size
     */
    public static long parse(String parameter, String text) throws InvalidConfigurationException {
        String trimmed = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        Matcher matcher = FORM.matcher(trimmed);
        if (matcher.matches()) {
            try {
                long value = Long.parseLong(matcher.group(1));
                int shift = matcher.group(2) == null ? 0 : 10 * ("KMGT".indexOf(matcher.group(2)) + 1);
                if (value <= Long.MAX_VALUE >> shift) {
                    return value << shift;
                }
            } catch (NumberFormatException tooLong) {
                // reported below
            }
        }
        throw new InvalidConfigurationException(parameter, text, "a size in bytes, or with a unit such as 500M or 2G (binary multiples)");
    }
}
