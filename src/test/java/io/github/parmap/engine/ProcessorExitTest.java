package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.commit.StagingArea;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor that calls {@code System.exit} in the middle of a run, in a JVM of its own: parmap cannot keep
 * the JVM alive, but the exit must not pass for a successful build. It ends non-zero with one ERROR line
 * naming the processor, where it called exit and the files in flight; a stop by SIGTERM keeps its own status.
 */
class ProcessorExitTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void writeInputs() {
        input = root.resolve("src");
        output = root.resolve("out");
        Trees.write(input, "sub/exit.txt", "calls exit");
        Trees.write(input, "slow.txt", "still running when the other exits");
    }

    /**
     * {@code sub/exit.txt} waits until {@code slow.txt} is in flight, stages an output, then calls
     * {@code System.exit(parmap.test.exitStatus)}; without that property it runs as long as {@code slow.txt}.
     * {@code slow.txt} prints {@code started} and sleeps.
     */
    public static final class ExitingProcessor implements ItemProcessor {
        private static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);

        @Override
        public void process(Item item) throws Exception {
            Files.writeString(item.output(), "staged");
            Integer status = Integer.getInteger("parmap.test.exitStatus");
            if (item.relativePath().equals("sub/exit.txt") && status != null) {
                SLOW_STARTED.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                System.exit(status);
            }
            System.out.println("started " + item.relativePath());
            SLOW_STARTED.countDown();
            Thread.sleep(PATIENCE.toMillis());
        }
    }

    @Test
    void exitWithStatusZeroEndsTheBuildWithStatusOneAndAnErrorNamingProcessorCallerAndFiles() throws Exception {
        Build build = runUntilExit(0);

        boolean statusKnown = build.statusKnown();
        assertEquals(1, build.status(), build.log());
        String error = errorLine(build);
        assertTrue(error.contains(statusKnown ? "System.exit(0)" : "System.exit"), error);
        assertTrue(error.contains("exit status 1 instead of 0") == statusKnown, error);
        assertTrue(error.contains("its status is unknown") != statusKnown, error);
        assertNamesProcessorCallerAndFiles(error);
        assertNoStagingLeft();
    }

    @Test
    void exitWithItsOwnStatusKeepsItWhereTheJdkTellsItAndIsReportedAsWell() throws Exception {
        Build build = runUntilExit(3);

        boolean statusKnown = build.statusKnown();
        assertEquals(statusKnown ? 3 : 1, build.status(), build.log());
        String error = errorLine(build);
        assertTrue(error.contains(statusKnown ? "System.exit(3)" : "System.exit"), error);
        assertNamesProcessorCallerAndFiles(error);
        assertNoStagingLeft();
    }

    @Test
    void sigtermWhileItemsAreInFlightKeepsStatus143AndLogsNoExitError() throws Exception {
        Process process = fork(null);
        awaitLine(process, "started ");
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the stopped build is gone");
        String log = log();
        assertEquals(143, process.exitValue(), log);
        assertFalse(log.contains("[ERROR]"), log);
        assertNoStagingLeft();
    }

    private void assertNamesProcessorCallerAndFiles(String error) {
        assertTrue(error.contains("processor " + ExitingProcessor.class.getSimpleName()), error);
        assertTrue(error.contains(ExitingProcessor.class.getName() + ".process(ProcessorExitTest.java:"), "the calling line: " + error);
        assertTrue(error.contains("on sub/exit.txt"), error);
        assertTrue(error.contains("in flight: slow.txt, sub/exit.txt"), error);
        assertTrue(error.contains("<isolation>process</isolation>"), error);
    }

    private void assertNoStagingLeft() throws IOException {
        assertEquals(List.of(), Trees.entries(output).stream().filter(entry -> entry.startsWith(StagingArea.DIRECTORY_NAME)).toList());
    }

    private record Build(int status, String log) {
        /** Whether the build's JDK tells the exit status (Java 21 and later log it); on Java 17 parmap cannot know it. */
        boolean statusKnown() {
            String version = log.lines().findFirst().orElse("");
            assertTrue(version.startsWith("java "), log);
            return Integer.parseInt(version.substring("java ".length())) >= 21;
        }
    }

    private Build runUntilExit(int status) throws Exception {
        Process process = fork(status);
        assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the build ends");
        String log = log();
        assertFalse(log.contains("run ended"), "the run cannot end normally: " + log);
        return new Build(process.exitValue(), log);
    }

    private String errorLine(Build build) {
        List<String> errors = build.log().lines().filter(line -> line.startsWith("[ERROR] ")).toList();
        assertEquals(1, errors.size(), build.log());
        return errors.get(0);
    }

    private Process fork(Integer exitStatus) throws IOException {
        String java = System.getProperty("parmap.test.childJava", ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = exitStatus == null
                ? List.of(java, "-Xshare:auto", "-cp", classpath, ProcessorExitMain.class.getName(), input.toString(), output.toString())
                : List.of(java, "-Xshare:auto", "-Dparmap.test.exitStatus=" + exitStatus, "-cp", classpath,
                        ProcessorExitMain.class.getName(), input.toString(), output.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("forked-build.log").toFile())
                .start();
    }

    private void awaitLine(Process process, String prefix) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (log().lines().noneMatch(line -> line.startsWith(prefix))) {
            if (!process.isAlive()) {
                fail("the forked build ended (exit " + process.exitValue() + ") before it printed " + prefix + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail("the forked build did not print " + prefix + " in " + PATIENCE);
            }
            Thread.sleep(5);
        }
    }

    private String log() throws IOException {
        Path log = root.resolve("forked-build.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
