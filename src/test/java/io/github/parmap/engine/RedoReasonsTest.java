package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.IncrementalProject.Build;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why an incremental build redoes a file: counted in the summary line, one line per file with explain, and in report.json. */
class RedoReasonsTest {
    @TempDir
    Path root;

    private IncrementalProject project;

    @BeforeEach
    void firstBuild() throws Exception {
        project = new IncrementalProject(root).workers(1);
        for (String name : List.of("edited.txt", "output-deleted.txt", "fails.txt", "same.txt")) {
            project.writeOld(name, name);
        }
        Build first = project.build();
        assertFalse(summary(first).contains("redone"), "a first build, where every file is new, says no more: " + summary(first));
    }

    private static String summary(Build build) {
        return build.log().entries().stream().map(RecordingLog.Entry::message).filter(m -> m.startsWith("Processed ")).findFirst()
                .orElseThrow(() -> new AssertionError(build.log().entries()));
    }

    private static List<String> lines(Build build, Level level) {
        return build.log().entries().stream().filter(e -> e.level() == level).map(RecordingLog.Entry::message).toList();
    }

    @Test
    void eachRedoneFileHasItsReasonInTheSummaryTheExplainLinesAndTheReport() throws Exception {
        project.writeOld("edited.txt", "edited, longer now");
        Files.delete(project.output.resolve("output-deleted.txt"));
        project.writeOld("fails.txt", "fail");
        project.build(); // fails.txt fails
        project.writeOld("fails.txt", "fixed");
        project.writeOld("new.txt", "new");
        project.writeOld("edited.txt", "edited again, and longer");

        Build build = project.explain(true).build();

        assertTrue(summary(build).endsWith("; redone: 1 new input, 1 input changed, 1 failed in the last build"), summary(build));
        List<String> info = lines(build, Level.INFO);
        assertTrue(info.containsAll(List.of("edited.txt: input changed", "fails.txt: failed in the last build", "new.txt: new input")), () -> info.toString());
        assertFalse(info.stream().anyMatch(line -> line.startsWith("same.txt") || line.startsWith("output-deleted.txt")), () -> info.toString());
    }

    @Test
    void aDeletedOutputIsSaidToBeMissingAndForceIsSaidToBeForced() throws Exception {
        Files.delete(project.output.resolve("output-deleted.txt"));

        Build deleted = project.explain(true).build();
        Build forced = project.force(true).build();

        assertTrue(summary(deleted).endsWith("; redone: 1 output missing or modified"), summary(deleted));
        assertTrue(lines(deleted, Level.INFO).contains("output-deleted.txt: output missing or modified"));
        assertTrue(summary(forced).endsWith("; redone: 4 forced"), summary(forced));
    }

    @Test
    void aChangedParameterIsNamedOnceAndNeverItsValue() throws Exception {
        Build changed = project.parameters(Map.of("prefix", "secret-value:")).build();

        List<String> info = lines(changed, Level.INFO);
        assertTrue(info.contains("The configuration changed since the last build (<parameters><prefix>): every file is processed again"),
                () -> info.toString());
        assertFalse(info.stream().anyMatch(line -> line.contains("secret-value")), () -> info.toString());
        assertTrue(summary(changed).endsWith("; redone: 4 configuration changed"), summary(changed));
    }

    @Test
    void withoutExplainTheLinesAreDebugAndTheReportHasEveryReason() throws Exception {
        project.writeOld("edited.txt", "edited, longer now");
        RecordingLog log = new RecordingLog(Level.DEBUG);

        ParallelRun.execute(project.request(IncrementalProject.ListedOutputs.class, log).reportFile(root.resolve("report.json")).build());

        assertTrue(log.entries().stream().anyMatch(e -> e.level() == Level.DEBUG && e.message().equals("edited.txt: input changed")),
                () -> log.entries().toString());
        String report = Files.readString(root.resolve("report.json"));
        assertTrue(report.contains("{\"path\": \"edited.txt\", \"status\": \"processed\", \"reason\": \"input changed\", \"millis\": "), report);
        assertTrue(report.contains("{\"path\": \"same.txt\", \"status\": \"up to date\", \"millis\": "), report);
    }
}
