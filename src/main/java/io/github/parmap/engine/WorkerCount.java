package io.github.parmap.engine;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Parses the {@code workers} setting: a whole number of workers ({@code 4}), or a multiple of the
 * machine's cores ({@code 1C}, {@code 0.5C}, {@code 2C}) as Maven's {@code -T} option accepts it.
 */
public final class WorkerCount {

    static final String PARAMETER = "workers";
    static final String ACCEPTED =
            "a whole number of at least 1 (such as 4) or a positive multiple of the cores (such as 1C, 0.5C or 2C)";

    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern PER_CORE = Pattern.compile("(\\d{1,6}(\\.\\d{1,6})?|\\.\\d{1,6})[cC]");

    private WorkerCount() {}

    /**
     * @param setting the value as configured, for example {@code "1C"}
     * @param cores the number of cores to multiply, usually {@link Runtime#availableProcessors()}
     * @return the number of workers, at least 1; a multiple of cores is rounded to the nearest whole number, half up
     * @throws InvalidConfigurationException if the setting has neither form, or asks for no workers
     */
    public static int parse(String setting, int cores) throws InvalidConfigurationException {
        String value = setting == null ? "" : setting.trim();
        if (WHOLE.matcher(value).matches()) {
            int count = Integer.parseInt(value);
            if (count >= 1) {
                return count;
            }
        } else if (PER_CORE.matcher(value).matches()) {
            // Exact decimal arithmetic: 0.7C on 45 cores is 31.5, which rounds to 32 (31 in binary floating point).
            BigDecimal factor = new BigDecimal(value.substring(0, value.length() - 1));
            if (factor.signum() > 0) {
                BigDecimal count = factor.multiply(BigDecimal.valueOf(cores)).setScale(0, RoundingMode.HALF_UP);
                return count.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE : Math.max(1, count.intValue());
            }
        }
        throw new InvalidConfigurationException(PARAMETER, setting, ACCEPTED);
    }
}
