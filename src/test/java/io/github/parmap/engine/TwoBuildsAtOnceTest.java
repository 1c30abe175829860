package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.IncrementalProject.Build;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.state.StateLock;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds of one execution at once: the second waits for the first, and neither redoes the other's work. */
class TwoBuildsAtOnceTest {
    @TempDir
    Path root;

    /** Copies its input, holding the first item until the test lets it go. */
    public static final class HeldCopy implements ItemProcessor {
        static volatile CountDownLatch started = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public void process(Item item) throws Exception {
            started.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            Files.copy(item.path(), item.output());
        }
    }

    @Test
    void secondBuildWaitsForTheFirstSaysSoOnceAndFindsEverythingUpToDate() throws Exception {
        IncrementalProject project = new IncrementalProject(root).workers(1);
        for (int i = 0; i < 10; i++) {
            project.writeOld("f" + i + ".txt", "input " + i);
        }
        HeldCopy.started = new CountDownLatch(1);
        HeldCopy.release = new CountDownLatch(1);
        CompletableFuture<ProcessingResult> first = CompletableFuture.supplyAsync(() -> run(project, new RecordingLog()));
        assertTrue(HeldCopy.started.await(30, TimeUnit.SECONDS), "the first build started");
        RecordingLog secondLog = new RecordingLog();
        CompletableFuture<ProcessingResult> second = CompletableFuture.supplyAsync(() -> run(project, secondLog));
        waitUntil(() -> secondLog.messages(Level.INFO).stream().anyMatch(message -> message.startsWith("Waiting for another build")));
        HeldCopy.release.countDown();

        ProcessingResult firstResult = first.get(60, TimeUnit.SECONDS);
        ProcessingResult secondResult = second.get(60, TimeUnit.SECONDS);

        assertEquals(10, firstResult.processed());
        assertEquals(0, secondResult.processed(), "the second build redid nothing the first had done");
        assertEquals(10, secondResult.upToDate());
        List<String> waits = secondLog.messages(Level.INFO).stream().filter(message -> message.startsWith("Waiting for another build")).toList();
        assertEquals(1, waits.size(), () -> "said once: " + secondLog.messages(Level.INFO));
        assertTrue(waits.get(0).contains(project.state.resolve(StateLock.FILE).toString()), waits.get(0));
        assertEquals(10, run(project, new RecordingLog()).upToDate(), "the state left behind is complete");
    }

    @Test
    void buildThatCannotGetTheLockInTimeFailsNamingItAndTouchesNothing() throws Exception {
        IncrementalProject project = new IncrementalProject(root);
        project.writeOld("a.txt", "a");
        Files.createDirectories(project.state);
        HeldCopy.release = new CountDownLatch(0);
        try (FileChannel channel = FileChannel.open(project.state.resolve(StateLock.FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            ProcessingRequest request = project.request(HeldCopy.class, RunLog.silent())
                    .incremental(new Incremental(project.state, project.configurationFingerprint(), false, Duration.ofMillis(300)))
                    .build();

            IOException e = assertThrows(IOException.class, () -> ParallelRun.execute(request));

            assertTrue(e.getMessage().contains("another build of this execution still holds " + project.state.resolve(StateLock.FILE)),
                    e.getMessage());
            assertTrue(e.getMessage().contains("after 300ms"), e.getMessage());
            assertFalse(Files.exists(project.output), "nothing was written");
        }
        Build after = project.build(HeldCopy.class);
        assertEquals(List.of("a.txt"), Trees.files(project.output), "once the other build is gone, building works");
        assertTrue(after.result().succeeded());
    }

    private static ProcessingResult run(IncrementalProject project, RecordingLog log) {
        try {
            return ParallelRun.execute(project.request(HeldCopy.class, log).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(20);
        }
    }
}
