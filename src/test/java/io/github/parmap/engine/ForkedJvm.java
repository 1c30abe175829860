package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of the tests run in a JVM of its own, with a heap limit, its output going to a log file. */
final class ForkedJvm {
    private ForkedJvm() {}

    static Process start(Path log, String heap, Class<?> main, List<String> arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, heap, "-Xshare:auto", "-cp", classpath, main.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the run to end, asserts that it exited 0, and returns what it printed. */
    static String awaitSuccess(Process run, Path log) throws IOException, InterruptedException {
        boolean finished = run.waitFor(5, TimeUnit.MINUTES); // patience for a slow machine, not a speed requirement
        if (!finished) {
            run.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertTrue(finished, () -> "the forked run did not finish:\n" + printed);
        assertEquals(0, run.exitValue(), () -> "the forked run failed:\n" + printed);
        return printed;
    }
}
