package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.Units;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSettingTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "2m, 120000", "1h, 3600000", " 45s , 45000", "10 s, 10000"})
    void acceptsAWholeNumberWithAUnit(String setting, long millis) throws Exception {
        assertEquals(Duration.ofMillis(millis), DurationSetting.parse("itemTimeout", setting));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0s", "-5s", "1.5s", "5 minutes", "PT30S", "banana", "s"})
    void rejectsOtherFormsNamingTheParameterAndTheAcceptedForms(String setting) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> DurationSetting.parse("itemTimeout", setting));

        assertEquals("itemTimeout", e.parameter());
        assertTrue(e.getMessage().startsWith("<itemTimeout> must be a positive whole number with a unit"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + setting + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void emptyMeansNoLimit(String setting) throws Exception {
        assertNull(DurationSetting.parse("itemTimeout", setting));
    }

    @ParameterizedTest
    @CsvSource({"500, 500ms", "30000, 30s", "120000, 2m", "3600000, 1h", "1500, 1500ms"})
    void describesDurationsAsUsersWriteThem(long millis, String text) {
        assertEquals(text, Units.duration(Duration.ofMillis(millis)));
    }
}
