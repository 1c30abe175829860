package io.github.parmap.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.RecordingLog;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.ListResourceBundle;
import org.junit.jupiter.api.Test;

class RunLogLoggerTest {

    private final RecordingLog log = new RecordingLog(Level.INFO);
    private final RunLogLogger logger = new RunLogLogger("com.example.Thumbnailer", log);

    /** A bundle with one localized pattern. */
    public static final class Messages extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"resized", "{0} verkleinert"}};
        }
    }

    @Test
    void formatsParametersTheMessageFormatWay() {
        logger.log(Level.INFO, "{0} of {1} done, {2,number,#.#}%", "a.png", 3, 12.345);

        assertEquals(List.of("a.png of 3 done, 12.3%"), log.messages(Level.INFO));
    }

    @Test
    void messageWithoutParametersIsKeptAsWritten() {
        logger.log(Level.WARNING, "braces {0} and it''s quotes stay");

        assertEquals(List.of("braces {0} and it''s quotes stay"), log.messages(Level.WARNING));
    }

    @Test
    void levelsBelowTheLogsThresholdAreNotLoggableAndDropped() {
        assertFalse(logger.isLoggable(Level.DEBUG));
        assertFalse(logger.isLoggable(Level.OFF));
        assertTrue(logger.isLoggable(Level.INFO));

        logger.log(Level.DEBUG, "hidden {0}", 1);
        logger.log(Level.TRACE, () -> {
            throw new AssertionError("the supplier of a dropped message must not be called");
        });

        assertEquals(List.of(), log.entries());
    }

    @Test
    void exceptionIsPassedOn() {
        IllegalStateException cause = new IllegalStateException("boom");

        logger.log(Level.ERROR, "failed", cause);

        assertEquals(List.of(new RecordingLog.Entry(Level.ERROR, "failed", cause)), log.entries());
    }

    @Test
    void resourceBundleLocalizesTheKey() {
        logger.log(Level.INFO, new Messages(), "resized", "a.png");
        logger.log(Level.INFO, new Messages(), "not-a-key {0}", "b.png");

        assertEquals(List.of("a.png verkleinert", "not-a-key b.png"), log.messages(Level.INFO));
    }

    @Test
    void malformedPatternIsLoggedAsWrittenInsteadOfThrowing() {
        logger.log(Level.INFO, "json {\"size\": {0}}", 42);

        assertEquals(List.of("json {\"size\": {0}}"), log.messages(Level.INFO));
    }

    @Test
    void nameIsTheProcessorClass() {
        assertEquals("com.example.Thumbnailer", logger.getName());
    }
}
