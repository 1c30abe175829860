package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.parmap.engine.IncrementalProject.Build;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.BuildState;
import io.github.parmap.engine.support.AtomicFileWrite;
import io.github.parmap.engine.support.RunStoppedException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk while parmap writes its own files. The full disk is {@code /dev/full}, where every write fails
 * with "No space left on device": the temporary file parmap writes is made a link to it beforehand, which
 * needs no root and no small file system.
 */
class DiskFullTest {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path root;

    @BeforeEach
    void needsDevFull() {
        assumeTrue(Files.exists(FULL), "no /dev/full on this system");
    }

    @Test
    void stateThatCannotBeWrittenNamesTheFileAndTheSpaceLeavesNoTemporaryFileAndTheNextBuildIsCorrect() throws Exception {
        IncrementalProject project = new IncrementalProject(root);
        project.writeOld("a.txt", "a");
        project.writeOld("b.txt", "b");
        project.build();
        project.writeOld("b.txt", "b, edited");
        Path snapshot = project.state.resolve(BuildState.SNAPSHOT);
        Path temporary = AtomicFileWrite.temporaryFor(snapshot);
        Files.createSymbolicLink(temporary, FULL);

        RunStoppedException e = assertThrows(RunStoppedException.class, () -> project.build());

        assertTrue(e.getMessage().startsWith("could not write " + snapshot + ": No space left on device (it needs at least "), e.getMessage());
        assertTrue(e.getMessage().contains("free some space and build again"), e.getMessage());
        assertFalse(Files.exists(temporary, LinkOption.NOFOLLOW_LINKS), "no temporary file is left");

        Build next = project.build();
        assertTrue(next.result().succeeded());
        assertEquals(List.of(), next.processed(), "the edit was committed and recorded before the disk filled");
        assertEquals(Map.of("a.txt", "a", "b.txt", "b, edited"), project.outputs());
        assertEquals(2, project.build().result().upToDate());
    }

    @Test
    void reportThatCannotBeWrittenIsOneWarningNamingItAndTheBuildSucceeds() throws Exception {
        IncrementalProject project = new IncrementalProject(root);
        project.writeOld("a.txt", "a");
        Path report = root.resolve("report/report.json");
        Files.createDirectories(report.getParent());
        Path temporary = AtomicFileWrite.temporaryFor(report);
        Files.createSymbolicLink(temporary, FULL);
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(project.request(IncrementalProject.ListedOutputs.class, log).reportFile(report).build());

        assertTrue(result.succeeded());
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
        assertTrue(warnings.get(0).contains(report + ": No space left on device"), warnings.get(0));
        assertFalse(Files.exists(temporary, LinkOption.NOFOLLOW_LINKS), "no temporary file is left");
        assertFalse(Files.exists(report));
    }
}
