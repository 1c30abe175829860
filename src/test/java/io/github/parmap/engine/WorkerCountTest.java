package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code workers} setting: every accepted form and its rounding, every rejection and its message. */
class WorkerCountTest {

    @ParameterizedTest(name = "''{0}'' with {1} cores gives {2} workers")
    @CsvSource({
        "4,     2,  4",
        "1,     8,  1",
        "' 3 ', 8,  3",
        "1C,    2,  2",
        "1c,    2,  2",
        "0.5C,  2,  1",
        "2C,    2,  4",
        "2C,    3,  6",
        "0.1C,  2,  1",
        "0.1C,  1,  1",
        "1.5C,  3,  5",
        "1.5C,  4,  6",
        "0.5C,  5,  3",
        ".5C,   8,  4",
        "0.7C,  45, 32",
        "0.29C, 50, 15",
        "2.3C,  25, 58",
    })
    void acceptsWholeNumbersAndMultiplesOfCores(String setting, int cores, int expected) throws InvalidConfigurationException {
        assertEquals(expected, WorkerCount.parse(setting, cores));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"0", "-1", "banana", "1.5", "0C", "0.0C", "-1C", "C", "1CC", "1 C", "1e2", "4 workers", "1,5C"})
    void rejectsOtherSettingsNamingTheParameterAndTheValue(String setting) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> WorkerCount.parse(setting, 4));

        assertEquals("workers", e.parameter());
        assertEquals(setting, e.value());
        assertTrue(e.getMessage().contains("<workers>"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + setting + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("1C"), () -> "the message should show the accepted forms: " + e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] missing setting ''{0}'' is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingSettingNamingTheParameter(String setting) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> WorkerCount.parse(setting, 4));

        assertEquals("workers", e.parameter());
        assertTrue(e.getMessage().startsWith("<workers> must be"), e.getMessage());
    }

    /** Generated settings, mostly near-misses of the accepted forms, against the documented rules. */
    @Test
    void generatedSettingsAreAcceptedExactlyAsTheDocumentedFormsSay() throws Exception {
        SeededCases.check(400, (seed, random) -> {
            String setting = randomWorkerSetting(random);
            int cores = 1 + random.nextInt(256);
            Integer expected = workersOracle(setting, cores);
            if (expected == null) {
                InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> WorkerCount.parse(setting, cores),
                        () -> "'" + setting + "' is not a valid setting");
                assertEquals("workers", e.parameter());
                assertEquals(setting, e.value());
                assertTrue(e.getMessage().startsWith("<workers> must be "), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line");
            } else {
                try {
                    assertEquals(expected, WorkerCount.parse(setting, cores), () -> "'" + setting + "' on " + cores + " cores");
                } catch (InvalidConfigurationException e) {
                    fail("'" + setting + "' is a valid setting, expected " + expected + " workers on " + cores + " cores: " + e.getMessage());
                }
            }
        });
    }

    /** Mostly near-misses of the accepted forms: digits, dots, C and c, a sign, a comma, a letter, spaces. */
    private static String randomWorkerSetting(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return " ".repeat(random.nextInt(2)) + (1 + random.nextInt(999_999_999)) + " ".repeat(random.nextInt(2));
            case 1:
                return random.nextInt(1000) + (random.nextBoolean() ? "." + random.nextInt(1_000_000) : "") + (random.nextBoolean() ? "C" : "c");
            default:
                String alphabet = "0123456789..Cc- ,x05";
                StringBuilder setting = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    setting.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                return setting.toString();
        }
    }

    /**
     * The documented forms, read character by character: up to nine digits meaning at least 1; or a decimal
     * number (up to six digits on each side of an optional point) followed by C, greater than 0, times the
     * cores, rounded half up in exact decimal arithmetic, at least 1. Spaces around the value are ignored.
     */
    private static Integer workersOracle(String setting, int cores) {
        String value = setting.strip();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                return null;
            }
            int count = Integer.parseInt(value);
            return count >= 1 ? count : null;
        }
        if (value.length() < 2 || Character.toUpperCase(value.charAt(value.length() - 1)) != 'C') {
            return null;
        }
        String number = value.substring(0, value.length() - 1);
        int point = number.indexOf('.');
        String whole = point < 0 ? number : number.substring(0, point);
        String fraction = point < 0 ? "" : number.substring(point + 1);
        boolean digitsOnly = (whole + fraction).chars().allMatch(Character::isDigit);
        if (!digitsOnly || whole.length() > 6 || fraction.length() > 6 || (point >= 0 && fraction.isEmpty())
                || (whole.isEmpty() && fraction.isEmpty())) {
            return null;
        }
        BigDecimal factor = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        if (factor.signum() <= 0) {
            return null;
        }
        return Math.max(1, factor.multiply(BigDecimal.valueOf(cores)).setScale(0, RoundingMode.HALF_UP).intValueExact());
    }
}
