package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.BuildState;
import io.github.parmap.engine.state.ConfigurationFingerprint;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.state.RecordedOutputDirectory;
import io.github.parmap.engine.state.StateEntry;
import io.github.parmap.engine.state.StateLock;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGKILL in the middle of a run, in a JVM of its own: the next build redoes exactly the
 * items that had not been committed, and ends with the same output tree as a clean build.
 */
class KilledBuildTest {
    private static final int ITEMS = 200;
    private static final int WORKERS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private Path input;
    private Path output;
    private Path state;

    @BeforeEach
    void writeInputs() {
        input = root.resolve("project/src");
        output = root.resolve("project/out");
        state = root.resolve("project/state");
        for (int i = 0; i < ITEMS; i++) {
            Trees.write(input, itemPath(i), "item " + i + "\n" + "x".repeat(i % 17));
        }
    }

    private static String itemPath(int i) {
        return String.format("d%d/item-%03d.txt", i % 5, i);
    }

    /**
     * Writes {@code REL.VARIANT} with the input reversed; variant {@code v1} also writes
     * {@code index/NAME.idx}. Sleeps {@code parmap.test.sleepMillis} ms per item, then appends the item's
     * path to the file named by the parameter {@code log}.
     */
    public static final class SlowProcessor implements ItemProcessor {
        private final String variant;
        private final Path log;
        private final long sleepMillis = Long.getLong("parmap.test.sleepMillis", 0);

        public SlowProcessor(ProcessorContext context) {
            variant = context.parameters().get("variant");
            log = Path.of(context.parameters().get("log"));
        }

        @Override
        public void process(Item item) throws Exception {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            String text = Files.readString(item.path());
            Files.writeString(item.output(item.relativePath() + "." + variant), variant + ": " + new StringBuilder(text).reverse());
            if (variant.equals("v1")) {
                String name = item.relativePath().substring(item.relativePath().lastIndexOf('/') + 1);
                Files.writeString(item.output("index/" + name + ".idx"), Integer.toString(text.length()));
            }
            Files.writeString(log, item.relativePath() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    static String fingerprint(String variant) {
        return new ConfigurationFingerprint().add("processor", SlowProcessor.class.getName()).add("variant", variant).toHex();
    }

    static ProcessingRequest.Builder request(Path input, Path output, Path state, String variant, Path log) {
        return Runs.request(input, output, SlowProcessor.class)
                .parameters(Map.of("variant", variant, "log", log.toString()))
                .workers(WORKERS)
                .incremental(new Incremental(state, fingerprint(variant), false));
    }

    @Test
    void buildKilledRightAfterItsFirstCommitsEndsLikeACleanBuild() throws Exception {
        killThenRebuild("v2", 3);
    }

    @Test
    void buildKilledWellIntoTheRunEndsLikeACleanBuild() throws Exception {
        killThenRebuild("v2", 60);
    }

    @Test
    void buildKilledWhileRedoingEverythingForANewConfigurationEndsLikeACleanBuildOfTheNewConfiguration() throws Exception {
        ProcessingResult previous = ParallelRun.execute(request(input, output, state, "v1", root.resolve("v1.log")).build());
        assertEquals(ITEMS, previous.processed());
        assertTrue(Files.isDirectory(output.resolve("index")));

        killThenRebuild("v2", 40);

        assertFalse(Files.exists(output.resolve("index")), "the outputs only the old configuration wrote are gone");
    }

    @Test
    void buildStoppedBySigtermRecordsNoItemAsFailedAndEndsLikeACleanBuild() throws Exception {
        ProcessingResult rerun = killThenRebuild("v2", 30, false);

        assertFalse(rerun.redone().containsKey(Reason.FAILED_BEFORE),
                "items cut short by the JVM's exit did not fail; the rerun redoes them as new: " + rerun.redone());
    }

    private ProcessingResult killThenRebuild(String variant, int killAfterOutputs) throws Exception {
        return killThenRebuild(variant, killAfterOutputs, true);
    }

    /** @param forcibly SIGKILL, which runs no shutdown hook, rather than SIGTERM, which runs them */
    private ProcessingResult killThenRebuild(String variant, int killAfterOutputs, boolean forcibly) throws Exception {
        Path killedLog = root.resolve("killed.log");
        // Under SIGTERM, a slow shutdown hook of the build tool's own (Maven 4 has some) keeps the JVM alive
        // for a while after parmap's hooks took the staging area away, with the workers still running.
        Process build = fork(variant, killedLog, forcibly ? 0 : 1500);
        try {
            awaitOutputs(build, "." + variant, killAfterOutputs);
        } finally {
            if (forcibly) {
                build.destroyForcibly();
            } else {
                build.destroy();
            }
            assertTrue(build.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the killed build is gone");
        }
        Set<String> recorded = itemsRecordedIn(state, variant);
        List<String> killedRun = lines(killedLog);

        Path rerunLog = root.resolve("rerun.log");
        ProcessingResult rerun = ParallelRun.execute(request(input, output, state, variant, rerunLog).build());
        List<String> rerunItems = lines(rerunLog);

        assertTrue(rerun.succeeded(), () -> rerun.failures().toString());
        Set<String> notRecorded = new TreeSet<>(allItems());
        notRecorded.removeAll(recorded);
        assertEquals(notRecorded, new TreeSet<>(rerunItems), "the rerun does exactly the items without a committed record");
        assertEquals(rerunItems.size(), new HashSet<>(rerunItems).size(), "each of them once");
        assertTrue(rerunItems.size() < ITEMS, "the killed build's committed work is kept: rerun did " + rerunItems.size());
        assertTrue(killedRun.size() + rerunItems.size() >= ITEMS);
        Set<String> doneTwice = new TreeSet<>(killedRun);
        doneTwice.retainAll(rerunItems);
        assertTrue(doneTwice.size() <= WORKERS, "only items in flight at the kill are done twice: " + doneTwice);
        Set<String> doneAtAll = new TreeSet<>(killedRun);
        doneAtAll.addAll(rerunItems);
        assertEquals(allItems(), doneAtAll);

        Path cleanOutput = root.resolve("clean/out");
        ParallelRun.execute(request(input, cleanOutput, root.resolve("clean/state"), variant, root.resolve("clean.log")).build());
        assertEquals(Trees.contents(cleanOutput), Trees.contents(output), "byte for byte the tree of a clean build");
        assertEquals(List.of(), Trees.entries(output).stream()
                .filter(entry -> entry.startsWith(StagingArea.DIRECTORY_NAME) || entry.endsWith(".tmp")).toList());
        assertEquals(Trees.entries(cleanOutput), Trees.entries(output), "no staging, temporary file or empty directory is left");
        assertEquals(List.of(StateLock.FILE, RecordedOutputDirectory.FILE, BuildState.SNAPSHOT), Trees.files(state));

        Path thirdLog = root.resolve("third.log");
        ProcessingResult third = ParallelRun.execute(request(input, output, state, variant, thirdLog).build());
        assertEquals(0, third.processed());
        assertEquals(ITEMS, third.upToDate());
        assertEquals(List.of(), lines(thirdLog));        return rerun;
    }

    private Process fork(String variant, Path log, long slowShutdownMillis) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dparmap.test.sleepMillis=20",
                "-Dparmap.test.slowShutdownMillis=" + slowShutdownMillis,
                "-cp", classpath, KilledBuildMain.class.getName(),
                input.toString(), output.toString(), state.toString(), variant, log.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("forked-build.log").toFile())
                .start();
    }

    /** Waits until the forked build has committed enough outputs; fails if it ends first or takes too long. */
    private void awaitOutputs(Process build, String suffix, int wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (countOutputs(suffix) < wanted) {
            if (!build.isAlive()) {
                fail("the forked build ended (exit " + build.exitValue() + ") before it could be killed:\n"
                        + Files.readString(root.resolve("forked-build.log")));
            }
            if (System.nanoTime() > deadline) {
                fail("the forked build committed fewer than " + wanted + " outputs in " + PATIENCE);
            }
            Thread.sleep(2);
        }
    }

    private int countOutputs(String suffix) throws IOException {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> files = Files.walk(output)) {
                return (int) files.filter(file -> !file.toString().contains(StagingArea.DIRECTORY_NAME))
                        .filter(file -> file.getFileName().toString().endsWith(suffix))
                        .count();
            } catch (NoSuchFileException | UncheckedIOException changingUnderTheWalk) {
                if (attempt == 100) {
                    throw changingUnderTheWalk;
                }
            }
        }
    }

    /** @return the items a build with this variant would find up to date, read from a copy of the state */
    private Set<String> itemsRecordedIn(Path stateDirectory, String variant) throws IOException {
        Path copy = Files.createDirectories(root.resolve("state-copy"));
        try (Stream<Path> files = Files.list(stateDirectory)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Set<String> recorded = new TreeSet<>();
        try (BuildState copied = BuildState.open(copy, fingerprint(variant), RunLog.silent())) {
            for (String item : copied.inputs()) {
                if (copied.entry(item).size() != StateEntry.UNKNOWN) {
                    recorded.add(item);
                }
            }
        }
        return recorded;
    }

    private static Set<String> allItems() {
        Set<String> items = new TreeSet<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(itemPath(i));
        }
        return items;
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
