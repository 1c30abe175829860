package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.OutputListener;
import io.github.parmap.engine.commit.StaleOutputs;
import io.github.parmap.engine.support.RealPaths;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Binds an execution's state to the output directory its outputs were written in. The state records outputs
 * by relative path, which mean something only in that directory: when the output directory changes, stale
 * removal must not look for them in the new one, where they would name someone else's files.
 *
 * <p>The directory is kept in {@code output-directory.txt} beside the state, relative to the state
 * directory, so that a project moved or cloned as a whole keeps its state.
 */
public final class RecordedOutputDirectory {
    public static final String FILE = "output-directory.txt";
    private static final String TEMPORARY = FILE + ".tmp";

    private RecordedOutputDirectory() {}

    /**
     * Makes the state fit {@code outputDirectory}: when its outputs were recorded in another directory, those
     * that are still as parmap wrote them are deleted there, the rest are left, one INFO line says so, and
     * the state forgets them all (every file is processed again).
     */
    public static void bind(BuildState state, Path stateDirectory, Path outputDirectory, OutputListener listener, RunLog log) throws IOException {
        Path recorded = read(stateDirectory);
        if (recorded != null && !RealPaths.of(recorded).equals(RealPaths.of(outputDirectory))) {
            List<CommittedOutput> outputs = state.recordedOutputs();
            if (!outputs.isEmpty()) {
                StaleOutputs.Outcome outcome = new StaleOutputs(recorded, listener, log).deleteUnchanged(outputs);
                log.info("The output directory changed from " + recorded + " to " + outputDirectory + " since the last build: removed "
                        + outcome.removed() + " output" + (outcome.removed() == 1 ? "" : "s") + " that earlier builds wrote in the old one"
                        + (outcome.changed() == 0 ? "" : " (" + outcome.changed() + " changed since parmap wrote them, left in place)")
                        + "; nothing in the new one is deleted");
            }
            state.forgetAll(); // recorded durably before the new location is, so a kill in between cleans up again
        }
        if (recorded == null || !recorded.equals(outputDirectory)) {
            write(stateDirectory, outputDirectory);
        }
    }

    /** @return the output directory the state was recorded for, absolute, or {@code null} when none was recorded */
    private static Path read(Path stateDirectory) throws IOException {
        String text;
        try {
            text = Files.readString(stateDirectory.resolve(FILE), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException none) {
            return null; // a state from before the directory was recorded: taken to be this one's
        }
        return text.isEmpty() ? null : stateDirectory.resolve(text).normalize();
    }

    private static void write(Path stateDirectory, Path outputDirectory) throws IOException {
        Path location;
        try {
            location = stateDirectory.relativize(outputDirectory);
        } catch (IllegalArgumentException otherRoot) {
            location = outputDirectory;
        }
        Path temporary = stateDirectory.resolve(TEMPORARY);
        Files.writeString(temporary, location + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, stateDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
