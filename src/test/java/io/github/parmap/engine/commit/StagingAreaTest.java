package io.github.parmap.engine.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.Runs;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging leftovers of killed builds are cleaned up; staging areas of runs still going are left alone. */
class StagingAreaTest {

    @Test
    void leftoversOfAKilledBuildAreRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("a.txt"), "a");
        Path staging = Files.createDirectories(dir.resolve("out").resolve(StagingArea.DIRECTORY_NAME));
        long deadPid = finishedProcessId();
        Files.createDirectories(staging.resolve("killed-run/7"));
        Files.writeString(staging.resolve("killed-run/7/half-written.txt"), "partial");
        Files.writeString(staging.resolve("killed-run.owner"), deadPid + " 2020-01-01T00:00:00Z");
        Files.writeString(staging.resolve("killed-start.owner.tmp"), deadPid + " 2020-01-01T00:00:00Z");
        Files.createDirectories(staging.resolve("run-without-owner"));

        ProcessingResult result = Runs.runBuiltin(input, dir.resolve("out"), "copy", Map.of(), 1);

        assertTrue(result.succeeded());
        assertEquals("a", Files.readString(dir.resolve("out/a.txt")));
        assertFalse(Files.exists(staging), "no staging directory is left once the leftovers are gone");
    }

    @Test
    void stagingAreaOfARunStillGoingIsLeftAlone(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("a.txt"), "a");
        Path output = dir.resolve("out");
        try (StagingArea other = StagingArea.open(output)) {
            Path otherItem = Files.createDirectories(other.directoryFor(0));
            Files.writeString(otherItem.resolve("in-progress.txt"), "busy");

            ProcessingResult result = Runs.runBuiltin(input, output, "copy", Map.of(), 1);

            assertTrue(result.succeeded());
            assertEquals("busy", Files.readString(otherItem.resolve("in-progress.txt")));
        }
        assertFalse(Files.exists(output.resolve(StagingArea.DIRECTORY_NAME)), "the last run out removes the staging root");
    }

    @Test
    void itemStagingAfterTheStagingAreaIsRemovedCannotBringItBack(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out");
        Path itemDirectory;
        try (StagingArea staging = StagingArea.open(output)) {
            itemDirectory = staging.directoryFor(0);
        }
        // As when the build is stopped: the staging area is gone while a worker still starts an item.
        WorkItem late = new WorkItem(dir.resolve("in/a.txt"), "a.txt", output, itemDirectory, new OutputClaims());

        assertThrows(UncheckedIOException.class, () -> late.output("a.txt"));
        assertFalse(Files.exists(output.resolve(StagingArea.DIRECTORY_NAME)));
    }

    private static long finishedProcessId() throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
        return process.pid();
    }
}
