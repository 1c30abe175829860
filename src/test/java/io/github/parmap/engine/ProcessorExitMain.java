package io.github.parmap.engine;

import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.support.RunLog;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * Runs {@link ProcessorExitTest}'s project in a JVM of its own, so that its processor can end that JVM.
 * Arguments: input directory, output directory. The log goes to standard output, one {@code [LEVEL] message}
 * per message, as Maven prints it, after a first line {@code java FEATURE} naming the Java version.
 */
final class ProcessorExitMain {
    private ProcessorExitMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("java " + Runtime.version().feature());
        RunLog console = new RunLog() {
            @Override
            public boolean isEnabled(Level level) {
                return level.getSeverity() >= Level.INFO.getSeverity();
            }

            @Override
            public synchronized void log(Level level, String message, Throwable thrown) {
                System.out.println("[" + level + "] " + message);
            }
        };
        ProcessingResult result = ParallelRun.execute(Runs.request(Path.of(args[0]), Path.of(args[1]), ProcessorExitTest.ExitingProcessor.class)
                .workers(2).log(console).build());
        System.out.println("run ended: " + (result.succeeded() ? "succeeded" : "failed"));
        System.exit(result.succeeded() ? 0 : 1);
    }
}
