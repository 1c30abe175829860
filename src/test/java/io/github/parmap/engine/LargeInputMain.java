package io.github.parmap.engine;

import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.support.RunLog;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the built-in {@code gzip} at level 1 over {@link LargeInputTest}'s input directory in a JVM of its own,
 * started with a small heap. Arguments: input directory, output directory. Exits 0 when every item succeeded.
 */
final class LargeInputMain {
    private LargeInputMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("max heap: " + Runtime.getRuntime().maxMemory() + " bytes");
        ProcessingResult result = ParallelRun.execute(
                ProcessingRequest.builder(Path.of(args[0]), Path.of(args[1]), ProcessorResolver.resolve("gzip", LargeInputMain.class.getClassLoader()))
                        .parameters(Map.of("level", "1"))
                        .workers(1)
                        .log(new PrintingLog())
                        .build());
        System.exit(result.succeeded() && result.processed() == result.itemCount() ? 0 : 1);
    }

    /** Prints every message, so that the test can show what the forked run said. */
    private static final class PrintingLog implements RunLog {
        @Override
        public boolean isEnabled(System.Logger.Level level) {
            return level.getSeverity() >= System.Logger.Level.INFO.getSeverity();
        }

        @Override
        public void log(System.Logger.Level level, String message, Throwable thrown) {
            System.out.println("[" + level + "] " + message + (thrown == null ? "" : " " + thrown));
        }
    }
}
