package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.isolation.ProcessIsolation;
import io.github.parmap.engine.isolation.WorkerJvm;
import io.github.parmap.engine.isolation.WorkerMain;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process isolation with real worker JVMs: the same outputs as worker threads, and a worker that exits,
 * halts, crashes, spins or runs out of memory fails only the item it was on.
 */
class ProcessIsolationTest {
    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void writeInputs() {
        input = root.resolve("in");
        output = root.resolve("out");
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt", "sub/e.txt")) {
            Trees.write(input, name, "text of " + name + "\n".repeat(100));
        }
    }

    /** Whatever a run did, it leaves no worker JVM behind. */
    @AfterEach
    void noWorkerJvmIsLeftRunning() throws InterruptedException {
        ProcessIsolation.releaseIdleWorkers();
        // A worker let go winds its JVM down by itself, after the run: give it a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (workerJvms().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> left = workerJvms().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left, "worker JVMs still running 5 s after the run");
    }

    static Stream<ProcessHandle> workerJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(WorkerMain.class.getName()));
    }

    /** The test's class path, which holds parmap and these processors. */
    static WorkerJvm workerJvm(String... options) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = Arrays.stream(classpath.split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of).toList();
        return WorkerJvm.of(entries, List.of(options));
    }

    private ProcessingRequest.Builder isolated(Class<?> processor, int workers, String... options) {
        return Runs.request(input, output, processor).workers(workers).workerJvm(workerJvm(options));
    }

    // ---- same results ----

    @Test
    void aBuiltinWritesTheSameBytesInWorkerJvmsAsInWorkerThreads() throws Exception {
        Path threads = root.resolve("threads");
        var gzip = ProcessorResolver.resolve("gzip", getClass().getClassLoader());
        ParallelRun.execute(ProcessingRequest.builder(input, threads, gzip).workers(2).build());
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(
                ProcessingRequest.builder(input, output, gzip).workers(2).workerJvm(workerJvm()).log(log).build());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(5, result.processed());
        assertEquals(Trees.contents(threads), Trees.contents(output), "byte for byte the tree worker threads write");
        String start = log.entries().get(0).message();
        assertTrue(start.contains("on 2 worker JVMs (max heap "), start);
    }

    @Test
    void anItemTheProcessorSkipsInAWorkerJvmWritesNothingAndIsCounted() throws Exception {
        byte[] noise = new byte[5000];
        new java.util.Random(9).nextBytes(noise);
        Trees.write(input, "noise.bin", noise);
        var gzip = ProcessorResolver.resolve("gzip", getClass().getClassLoader());

        ProcessingResult result = ParallelRun.execute(ProcessingRequest.builder(input, output, gzip).workers(2).workerJvm(workerJvm()).build());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(Map.of("not smaller", 1), result.skipped());
        assertEquals(List.of("a.txt.gz", "b.txt.gz", "c.txt.gz", "d.txt.gz", "sub/e.txt.gz"), Trees.files(output),
                "no noise.bin.gz, and nothing left of it in staging");
    }

    @Test
    void everyBuiltinWritesTheSameBytesInWorkerJvmsAsInWorkerThreads() throws Exception {
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                picture.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y));
            }
        }
        javax.imageio.ImageIO.write(picture, "png", input.resolve("picture.png").toFile());
        Map<String, Map<String, String>> builtins = Map.of(
                "copy", Map.of(),
                "gzip", Map.of(),
                "brotli", Map.of(),
                "zstd", Map.of(),
                "checksum", Map.of(),
                "resize-image", Map.of("width", "16"),
                "exec", Map.of("command", "tr a-z A-Z", "stdin", "{in}", "stdout", "{out}"));
        for (Map.Entry<String, Map<String, String>> builtin : builtins.entrySet()) {
            Path threads = root.resolve(builtin.getKey() + "-threads");
            Path processes = root.resolve(builtin.getKey() + "-processes");
            var definition = ProcessorResolver.resolve(builtin.getKey(), getClass().getClassLoader());
            var inThreads = ParallelRun.execute(ProcessingRequest.builder(input, threads, definition).parameters(builtin.getValue())
                    .workers(2).build());
            var inProcesses = ParallelRun.execute(ProcessingRequest.builder(input, processes, definition).parameters(builtin.getValue())
                    .workers(2).workerJvm(workerJvm()).build());

            assertEquals(inThreads.failures().stream().map(ItemFailure::describe).toList(),
                    inProcesses.failures().stream().map(ItemFailure::describe).toList(), builtin.getKey());
            assertTrue(inProcesses.processed() > 0, builtin.getKey());
            assertEquals(Trees.contents(threads), Trees.contents(processes), builtin.getKey() + ": the same bytes");
        }
    }

    /** Writes its worker JVM's process id and how many items this class has seen in that JVM. */
    public static final class WhoRunsMe implements ItemProcessor {
        static int itemsInThisJvm;

        @Override
        public void process(Item item) throws Exception {
            itemsInThisJvm++;
            Files.writeString(item.output(), ProcessHandle.current().pid() + " " + itemsInThisJvm);
        }
    }

    @Test
    void aWorkerJvmIsReusedForItsItemsAndIsNotTheBuildsJvm() throws Exception {
        ProcessingResult result = ParallelRun.execute(isolated(WhoRunsMe.class, 1).build());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        Map<String, String> outputs = Trees.texts(output);
        Set<String> pids = outputs.values().stream().map(text -> text.split(" ")[0]).collect(Collectors.toSet());
        assertEquals(1, pids.size(), "one worker, one JVM for all its items: " + outputs);
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), pids.iterator().next());
        assertEquals(Set.of("1", "2", "3", "4", "5"), outputs.values().stream().map(text -> text.split(" ")[1]).collect(Collectors.toSet()));
        assertEquals(0, WhoRunsMe.itemsInThisJvm, "nothing ran in the build's JVM");
    }

    @Test
    void theNextRunStartedTheSameWayTakesOverTheIdleWorkerJvms() throws Exception {
        ParallelRun.execute(isolated(WhoRunsMe.class, 1).build());
        String firstPid = Trees.texts(output).get("a.txt").split(" ")[0];
        RecordingLog log = new RecordingLog(System.Logger.Level.DEBUG);

        ParallelRun.execute(Runs.request(input, root.resolve("second"), WhoRunsMe.class).workers(1).workerJvm(workerJvm()).log(log).build());

        assertEquals(Set.of(firstPid), Trees.texts(root.resolve("second")).values().stream().map(t -> t.split(" ")[0]).collect(Collectors.toSet()),
                "the second run's items ran in the first run's worker JVM");
        assertTrue(log.entries().stream().anyMatch(e -> e.message().equals(
                "worker 0 takes over the idle worker JVM (pid " + firstPid + ") of an earlier execution")), () -> log.entries().toString());
    }

    @Test
    void aRunStartedWithOtherJvmOptionsStartsItsOwnWorkersAndSaysWhy() throws Exception {
        ParallelRun.execute(isolated(WhoRunsMe.class, 1).build());
        String firstPid = Trees.texts(output).get("a.txt").split(" ")[0];
        RecordingLog log = new RecordingLog();

        ParallelRun.execute(Runs.request(input, root.resolve("second"), WhoRunsMe.class).workers(1).workerJvm(workerJvm("-Dcolour=blue"))
                .log(log).build());

        assertFalse(Trees.texts(root.resolve("second")).values().stream().anyMatch(t -> t.startsWith(firstPid + " ")));
        List<String> why = log.entries().stream().map(RecordingLog.Entry::message).filter(m -> m.startsWith("Starting new worker JVMs")).toList();
        assertEquals(1, why.size(), () -> log.entries().toString());
        assertTrue(why.get(0).startsWith("Starting new worker JVMs: the idle ones of an earlier execution were started differently "
                + "(1 with other JVM options ("), why.get(0));
    }

    @Test
    void maxItemsPerWorkerOneGivesEveryItemAFreshJvm() throws Exception {
        ProcessingResult result = ParallelRun.execute(isolated(WhoRunsMe.class, 2).maxItemsPerWorker(1).build());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        Map<String, String> outputs = Trees.texts(output);
        assertEquals(5, outputs.values().stream().map(text -> text.split(" ")[0]).distinct().count(), "five JVMs: " + outputs);
        assertTrue(outputs.values().stream().allMatch(text -> text.endsWith(" 1")), "no static state carried over: " + outputs);
    }

    /** Counts its instances in this JVM, and the ones closed. */
    public static final class CountsInstances implements ItemProcessor {
        static final Set<Integer> closed = new HashSet<>();
        static int created;
        private final int instance;

        public CountsInstances() {
            synchronized (CountsInstances.class) {
                instance = ++created;
            }
        }

        @Override
        public void process(Item item) throws Exception {
            Files.writeString(item.output(), Integer.toString(instance));
        }

        @Override
        public void close() {
            synchronized (CountsInstances.class) {
                closed.add(instance);
            }
        }
    }

    @Test
    void withoutIsolationMaxItemsPerWorkerGivesAFreshProcessorInstanceAndClosesTheOld() throws Exception {
        CountsInstances.created = 0;
        CountsInstances.closed.clear();

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, CountsInstances.class).workers(1).maxItemsPerWorker(2).build());

        assertTrue(result.succeeded());
        assertEquals(List.of("1", "1", "2", "2", "3"), List.copyOf(Trees.texts(output).values()));
        assertEquals(Set.of(1, 2, 3), CountsInstances.closed, "every instance closed");
    }

    /** A function processor, logging a line per item through the context's logger. */
    public static final class LoudUpperCase implements Function<byte[], byte[]> {
        private final System.Logger logger;

        public LoudUpperCase(ProcessorContext context) {
            this.logger = context.logger();
        }

        @Override
        public byte[] apply(byte[] bytes) {
            String text = new String(bytes);
            logger.log(System.Logger.Level.INFO, "upper-casing {0} bytes\nsecond line", bytes.length);
            System.out.println("to stdout");
            return text.toUpperCase().getBytes();
        }
    }

    @Test
    void functionProcessorsRunInWorkerJvmsAndTheirLogLinesAndStdoutReachTheBuildsLog() throws Exception {
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(isolated(LoudUpperCase.class, 2).log(log).build());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertTrue(Trees.texts(output).get("a.txt").startsWith("TEXT OF A.TXT"));
        List<String> messages = log.entries().stream().map(RecordingLog.Entry::message).toList();
        assertEquals(5, messages.stream().filter(m -> m.matches("upper-casing \\d+ bytes\nsecond line")).count(), messages::toString);
        assertEquals(5, messages.stream().filter(m -> m.matches("\\[worker \\d\\] to stdout")).count(), messages::toString);
    }

    /** Creates its output as a new file, as a tool that refuses to overwrite would; fails after writing it for inputs under {@code a/}. */
    public static final class CreatesThenFailsUnderA implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            Files.writeString(Files.createFile(item.output()), item.relativePath());
            if (item.relativePath().startsWith("a/")) {
                throw new IllegalStateException("fails after writing its output");
            }
        }
    }

    @Test
    void aFailedItemInAWorkerJvmLeavesNothingStagedForTheNextItem() throws Exception {
        // Same file name in two folders: on one worker, both are staged under that name in the same slot.
        Trees.write(input, "a/same.txt", "first");
        Trees.write(input, "b/same.txt", "second");

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, CreatesThenFailsUnderA.class).workers(1)
                .workerJvm(workerJvm()).build());

        assertEquals(List.of("a/same.txt"), result.failures().stream().map(ItemFailure::relativePath).toList(),
                () -> result.failures().toString());
        assertEquals("b/same.txt", Trees.read(output, "b/same.txt"), "the next item staged afresh, not onto the failed one's file");
    }

    /** Writes every item to one output path, and a second output named like the first in another folder. */
    public static final class WritesOneOutputForAll implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            Files.writeString(item.output("all.txt"), item.relativePath());
            Files.writeString(item.output("copies/" + item.relativePath() + "/all.txt"), item.relativePath());
        }
    }

    @Test
    void outputsStagedInAWorkerJvmAreClaimedAsWorkerThreadsClaimThem() throws Exception {
        Path threads = root.resolve("threads");
        ProcessingResult inThreads = ParallelRun.execute(Runs.request(input, threads, WritesOneOutputForAll.class).workers(1).build());

        ProcessingResult isolatedRun = ParallelRun.execute(isolated(WritesOneOutputForAll.class, 1).build());

        assertEquals(4, isolatedRun.failures().size(), () -> isolatedRun.failures().toString());
        assertEquals(inThreads.failures().stream().map(ItemFailure::describe).toList(),
                isolatedRun.failures().stream().map(ItemFailure::describe).toList(), "the same conflicts, in the same words");
        assertEquals(Trees.contents(threads), Trees.contents(output));
        assertEquals(Set.of("all.txt", "copies/a.txt/all.txt"), Trees.texts(output).keySet());
    }

    // ---- a worker that ends ----

    /**
     * Copies every file but the one named {@code bad.txt}, on which it misbehaves as its {@code mode}
     * parameter says, after a line on stderr.
     */
    public static final class Misbehaves implements ItemProcessor {
        private final String mode;

        public Misbehaves(ProcessorContext context) {
            this.mode = context.parameters().getOrDefault("mode", "exit");
        }

        @Override
        public void process(Item item) throws Exception {
            if (!item.relativePath().startsWith("bad") && !mode.equals("exit-always")) {
                Files.copy(item.path(), item.output());
                return;
            }
            Files.writeString(item.output(), "half-written");
            System.err.println("about to " + mode);
            switch (mode) {
                case "exit", "exit-always" -> System.exit(3);
                case "halt" -> Runtime.getRuntime().halt(4);
                case "sigkill" -> {
                    new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                    Thread.sleep(60_000);
                }
                case "crash" -> unsafe().putAddress(0, 42);
                case "spin" -> spin();
                case "oom" -> {
                    List<long[]> hog = new java.util.ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                default -> throw new IllegalArgumentException(mode);
            }
        }

        /** A loop no interrupt ends. */
        private static void spin() {
            long n = 0;
            while (n >= 0) {
                n = (n + 1) % Long.MAX_VALUE;
            }
        }

        private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        }
    }

    private ProcessingResult runMisbehaving(String mode, String... options) throws Exception {
        Trees.write(input, "bad.txt", "bad");
        return ParallelRun.execute(isolated(Misbehaves.class, 2, options).parameters(Map.of("mode", mode))
                .itemTimeout(Duration.ofSeconds(5)).build());
    }

    private void assertOnlyTheBadItemFailed(ProcessingResult result, String... expectedInMessage) throws Exception {
        assertEquals(1, result.failures().size(), () -> result.failures().toString());
        ItemFailure failure = result.failures().get(0);
        assertEquals("bad.txt", failure.relativePath());
        for (String expected : expectedInMessage) {
            assertTrue(failure.describe().contains(expected), failure.describe());
        }
        assertEquals(5, result.processed(), "every other item was processed");
        assertFalse(Files.exists(output.resolve("bad.txt")), "the failed item's half-written output is not committed");
        assertEquals(Set.of("a.txt", "b.txt", "c.txt", "d.txt", "sub/e.txt"), Trees.texts(output).keySet());
    }

    @Test
    void aWorkerThatCallsSystemExitFailsOnlyItsItemNamingTheExitCodeAndItsLastStderrLine() throws Exception {
        assertOnlyTheBadItemFailed(runMisbehaving("exit"), "exited with code 3", "about to exit");
    }

    @Test
    void aWorkerThatHaltsFailsOnlyItsItem() throws Exception {
        assertOnlyTheBadItemFailed(runMisbehaving("halt"), "exited with code 4", "about to halt");
    }

    @Test
    void aWorkerKilledFromOutsideFailsOnlyItsItemNamingTheSignal() throws Exception {
        assertOnlyTheBadItemFailed(runMisbehaving("sigkill"), "was killed by signal 9 (SIGKILL");
    }

    @Test
    void aWorkerThatCrashesInNativeCodeFailsOnlyItsItemNamingTheSignalAndTheCrashReport() throws Exception {
        ProcessingResult result = runMisbehaving("crash");

        assertOnlyTheBadItemFailed(result, "killed by signal", "crash report is ");
        String message = result.failures().get(0).describe();
        Path report = Path.of(message.substring(message.indexOf("crash report is ") + 16).split(";")[0]);
        assertTrue(Files.readString(report).contains("SIGSEGV"), "the JVM's own report of the crash: " + report);
        Files.delete(report);
    }

    @Test
    void aSpinningItemThatIgnoresInterruptsIsKilledAtItsTimeoutAndFailsNamingTheLimit() throws Exception {
        long start = System.nanoTime();

        ProcessingResult result = runMisbehaving("spin");

        assertOnlyTheBadItemFailed(result, "after 5s (itemTimeout)");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(60)) < 0, "the run did not wait for the loop");
    }

    @Test
    void aTimedOutItemIsRecordedAsFailedAndTheStateKeepsEveryOtherItem() throws Exception {
        Trees.write(input, "bad.txt", "bad");
        for (int i = 0; i < 6; i++) {
            Trees.write(input, "after/" + i + ".txt", "after " + i); // sorted after bad.txt: they run once it timed out
        }
        Path state = root.resolve("state");
        ProcessingRequest.Builder request = isolated(Misbehaves.class, 1).parameters(Map.of("mode", "spin")).itemTimeout(Duration.ofSeconds(2))
                .incremental(new io.github.parmap.engine.state.Incremental(state, "one configuration", false));
        RecordingLog log = new RecordingLog();

        ProcessingResult first = ParallelRun.execute(request.log(log).build());
        RecordingLog secondLog = new RecordingLog();
        ProcessingResult second = ParallelRun.execute(request.log(secondLog).build());

        assertEquals(List.of("bad.txt"), first.failures().stream().map(ItemFailure::relativePath).toList());
        assertEquals(List.of(), log.entries().stream().map(RecordingLog.Entry::message).filter(m -> m.startsWith("Could not record"))
                .toList(), "every outcome was recorded");
        assertEquals(11, second.upToDate(), () -> secondLog.entries().toString());
        assertEquals(Map.of(io.github.parmap.engine.state.Reason.FAILED_BEFORE, 1), second.redone());
    }

    @Test
    void aWorkerOutOfMemoryFailsOnlyItsItemNamingWorkerArgLineAndTheRunGoesOn() throws Exception {
        assertOnlyTheBadItemFailed(runMisbehaving("oom", "-Xmx48m"), "OutOfMemoryError", "<workerArgLine>");
    }

    @Test
    void workersThatEndOnEveryItemStopTheRunAfterAFewWithOneMessage() throws Exception {
        ProcessingResult result = runMisbehaving("exit-always");

        assertEquals(1, result.processorFailures().size(), () -> result.processorFailures().toString());
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("ended on 3 items in a row"), message);
        assertTrue(result.failures().size() <= 4, "two workers stop at the third loss: " + result.failures());
        assertTrue(result.notStarted() >= 2, "the run stopped: " + result.notStarted() + " not started");
    }

    @Test
    void aWorkerJvmThatCannotStartFailsTheRunOnceNamingWhy() throws Exception {
        ProcessingResult result = ParallelRun.execute(isolated(WhoRunsMe.class, 2, "-XX:+NoSuchOptionHere").build());

        assertEquals(0, result.processed());
        assertFalse(result.processorFailures().isEmpty());
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("worker JVM did not start"), message);
        assertTrue(message.contains("NoSuchOptionHere"), message);
    }

    /** Throws from its constructor. */
    public static final class CannotBeCreated implements ItemProcessor {
        public CannotBeCreated() {
            throw new IllegalStateException("no licence key");
        }

        @Override
        public void process(Item item) {}
    }

    @Test
    void aProcessorThatCannotBeCreatedInItsWorkerIsDescribedAsInTheBuildsJvm() throws Exception {
        ProcessingResult threads = ParallelRun.execute(Runs.request(input, output, CannotBeCreated.class).build());
        ProcessingResult isolated = ParallelRun.execute(isolated(CannotBeCreated.class, 1).build());

        assertEquals("processor CannotBeCreated could not be created: IllegalStateException: no licence key",
                threads.processorFailures().get(0).message());
        assertEquals(threads.processorFailures().get(0).message(), isolated.processorFailures().get(0).message());
    }

    /** Throws on one item: an ordinary failure, which leaves its worker JVM running. */
    public static final class ThrowsOnBad implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            if (item.relativePath().equals("bad.txt")) {
                throw new java.io.IOException("cannot read bad.txt's header");
            }
            Files.writeString(item.output(), Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aProcessorExceptionIsDescribedAsInTheBuildsJvmAndKeepsItsWorker() throws Exception {
        Trees.write(input, "bad.txt", "bad");

        ProcessingResult result = ParallelRun.execute(isolated(ThrowsOnBad.class, 1).build());

        assertEquals(1, result.failures().size());
        assertEquals("IOException: cannot read bad.txt's header", result.failures().get(0).describe().replaceFirst("^bad.txt: ", ""));
        assertEquals(1, Trees.texts(output).values().stream().distinct().count(), "one worker JVM did every item");
        StackTraceElement top = result.failures().get(0).cause().getStackTrace()[0];
        assertEquals(ThrowsOnBad.class.getName(), top.getClassName(), "the worker's stack trace");
    }

    // ---- no orphans ----

    @Test
    void workerJvmsEndSoonAfterTheBuildIsKilledWithSigkill() throws Exception {
        assertWorkersEndAfterTheBuild(true);
    }

    @Test
    void workerJvmsEndWhenTheBuildIsStoppedWithSigterm() throws Exception {
        assertWorkersEndAfterTheBuild(false);
    }

    private void assertWorkersEndAfterTheBuild(boolean sigkill) throws Exception {
        Path pids = Files.createDirectories(root.resolve("pids"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                IsolatedBuildMain.class.getName(), input.toString(), output.toString(), pids.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("build.log").toFile()).start();
        List<ProcessHandle> workers;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((workers = recordedWorkers(pids)).size() < 2) {
                assertTrue(build.isAlive(), () -> "the build ended early: " + readLog());
                assertTrue(System.nanoTime() < deadline, "two workers should have started: " + readLog());
                Thread.sleep(20);
            }
        } finally {
            if (sigkill) {
                build.destroyForcibly(); // no shutdown hook runs: the workers must notice by themselves
            } else {
                build.destroy(); // SIGTERM: the build's shutdown hook runs
            }
            build.waitFor();
        }
        long killed = System.nanoTime();
        for (ProcessHandle worker : workers) {
            worker.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the workers noticed their build had gone, after " + took);
    }

    private static List<ProcessHandle> recordedWorkers(Path pids) throws java.io.IOException {
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> ProcessHandle.of(Long.parseLong(f.getFileName().toString()))).flatMap(java.util.Optional::stream).toList();
        }
    }

    private String readLog() {
        try {
            return Files.readString(root.resolve("build.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
