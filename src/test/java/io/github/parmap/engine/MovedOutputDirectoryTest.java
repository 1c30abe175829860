package io.github.parmap.engine;

import static io.github.parmap.engine.IncrementalProject.hoursAgo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.IncrementalProject.Build;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state knows which output directory its outputs were written in, and stale removal deletes only what
 * parmap wrote and nobody changed since: a folder parmap never wrote loses nothing.
 */
class MovedOutputDirectoryTest {
    @TempDir
    Path root;

    @Test
    void changingTheOutputDirectoryDeletesNothingInTheNewFolderAndCleansTheOldOne() throws Exception {
        Path oldOutput = root.resolve("target/o1");
        Path userFolder = root.resolve("userdir");
        IncrementalProject first = new IncrementalProject(root.resolve("src"), oldOutput, root.resolve("state"));
        for (int i = 1; i <= 5; i++) {
            first.writeOld("f" + i + ".txt", "input " + i);
        }
        assertTrue(first.build().result().succeeded());
        Files.writeString(oldOutput.resolve("f5.txt"), "edited by hand after the build");
        for (int i = 2; i <= 5; i++) {
            Trees.write(userFolder, "f" + i + ".txt", "the user's own file " + i);
        }

        Build moved = new IncrementalProject(root.resolve("src"), userFolder, root.resolve("state"))
                .excluding("f2.txt", "f3.txt", "f4.txt", "f5.txt").build();

        assertTrue(moved.result().succeeded());
        assertEquals(Map.of("f1.txt", "input 1", "f2.txt", "the user's own file 2", "f3.txt", "the user's own file 3",
                "f4.txt", "the user's own file 4", "f5.txt", "the user's own file 5"), IncrementalProject.texts(userFolder),
                "the new folder keeps every file parmap did not write");
        assertEquals(Map.of("f5.txt", "edited by hand after the build"), IncrementalProject.texts(oldOutput),
                "the old folder loses the outputs nobody touched, and keeps the one edited since");
        assertEquals(0, moved.result().removed(), "no stale output was removed in the new folder");
        String line = moved.log().messages(Level.INFO).stream().filter(message -> message.contains("output directory changed"))
                .findFirst().orElseThrow(() -> new AssertionError("no line about the move: " + moved.log().messages(Level.INFO)));
        assertTrue(line.contains(oldOutput.toString()) && line.contains(userFolder.toString()), line);
        assertTrue(line.contains("removed 4"), line);
        assertTrue(line.contains("1 changed since"), line);
    }

    @Test
    void theNextBuildInTheNewFolderIsUpToDateAndStillRemovesItsOwnStaleOutputs() throws Exception {
        IncrementalProject first = new IncrementalProject(root.resolve("src"), root.resolve("o1"), root.resolve("state"));
        first.writeOld("a.txt", "a");
        first.writeOld("b.txt", "b");
        first.build();
        IncrementalProject moved = new IncrementalProject(root.resolve("src"), root.resolve("o2"), root.resolve("state"));
        moved.build();

        Build again = moved.build();
        assertEquals(List.of(), again.processed());
        assertEquals(2, again.result().upToDate());
        Files.delete(moved.input.resolve("b.txt"));
        assertEquals(1, moved.build().result().removed());
        assertEquals(Map.of("a.txt", "a"), moved.outputs());
    }

    @Test
    void staleOutputChangedSinceParmapWroteItIsLeftWithOneWarning() throws Exception {
        IncrementalProject project = new IncrementalProject(root);
        project.writeOld("a.txt", "a");
        project.writeOld("b.txt", "b");
        project.build();
        Path edited = project.output.resolve("b.txt");
        Files.writeString(edited, "someone else's content");
        Files.setLastModifiedTime(edited, hoursAgo(2));
        Files.delete(project.input.resolve("b.txt"));

        Build build = project.build();

        assertEquals(0, build.result().removed());
        assertEquals("someone else's content", Files.readString(edited));
        assertEquals(1, build.warnings().size(), () -> "warnings: " + build.warnings());
        assertTrue(build.warnings().get(0).contains("b.txt") && build.warnings().get(0).contains("changed since"), build.warnings().get(0));
    }
}
