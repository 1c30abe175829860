package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.support.InvalidConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

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
}
