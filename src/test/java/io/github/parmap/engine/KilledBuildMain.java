package io.github.parmap.engine;

import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Path;

/**
 * Runs one incremental build of {@link KilledBuildTest}'s project in a JVM of its own, so that the test can
 * kill it. Arguments: input directory, output directory, state directory, processor variant, and the file
 * the processor appends each processed item to. Each item sleeps {@code parmap.test.sleepMillis}
 * milliseconds, so that the build is still running when it is killed; a shutdown hook sleeps
 * {@code parmap.test.slowShutdownMillis} milliseconds, as a build tool's own hooks may take their time.
 */
final class KilledBuildMain {
    private KilledBuildMain() {}

    public static void main(String[] args) throws Exception {
        long slowShutdown = Long.getLong("parmap.test.slowShutdownMillis", 0);
        if (slowShutdown > 0) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(slowShutdown);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ProcessingResult result = ParallelRun.execute(
                KilledBuildTest.request(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), args[3], Path.of(args[4])).build());
        System.exit(result.succeeded() ? 0 : 1);
    }
}
