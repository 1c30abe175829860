package io.github.parmap.engine;

import static io.github.parmap.engine.IncrementalProject.hoursAgo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.IncrementalProject.Build;
import io.github.parmap.engine.commit.OutputListener;
import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.BuildState;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.state.RecordedOutputDirectory;
import io.github.parmap.engine.state.StateLock;
import io.github.parmap.engine.support.FileTrees;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of incremental builds, each seen through the engine as a user would see it: outputs, counts, log lines. */
class IncrementalBuildTest {

    @TempDir
    Path root;

    private IncrementalProject project;

    @BeforeEach
    void createProject() {
        project = new IncrementalProject(root.resolve("project"));
    }

    // ---- nothing changed ----

    @Test
    void secondBuildWithNothingChangedProcessesNothingAndCreatesNoProcessor() throws Exception {
        project.write("a.txt", "a\nalso: index/a.idx\n");
        project.write("sub/b.txt", "b");
        project.write("sub/deeper/c.txt", "c");
        Build first = project.build();
        assertEquals(List.of("a.txt", "sub/b.txt", "sub/deeper/c.txt"), first.processed());
        Map<String, String> outputs = project.outputs();
        Map<String, FileTime> times = modificationTimes(project.output);

        Build second = project.build();

        assertEquals(List.of(), second.processed());
        assertEquals(0, second.processorInstances(), "no processor instance is created when nothing is to do");
        assertEquals(0, second.result().processed());
        assertEquals(3, second.result().upToDate());
        assertEquals(0, second.result().removed());
        assertTrue(second.result().succeeded());
        assertTrue(second.summary().startsWith("3 files up to date, 0 processed"), second.summary());
        assertEquals(outputs, project.outputs());
        assertEquals(times, modificationTimes(project.output), "no output is rewritten");
        assertEquals(List.of(), second.warnings());
    }

    @Test
    void startLineTellsHowManyFilesLookUnchanged() throws Exception {
        project.writeOld("a.txt", "a");
        project.writeOld("b.txt", "b");
        project.build();
        project.writeOld("c.txt", "c");

        Build second = project.build();

        assertTrue(second.startLine().endsWith("(2 recorded by the last build are checked first)"), second.startLine());
        assertEquals(List.of("c.txt"), second.processed());
    }

    @Test
    void summaryOfASingleUpToDateFileUsesTheSingular() throws Exception {
        project.write("only.txt", "1");
        project.build();

        assertTrue(project.build().summary().startsWith("1 file up to date, 0 processed"));
    }

    // ---- fingerprints: fast path and content hash ----

    @Test
    void touchedInputWithTheSameContentIsUpToDateAndTheNextBuildTakesTheFastPathAgain() throws Exception {
        Path a = project.writeOld("a.txt", "same content");
        project.writeOld("b.txt", "b");
        project.build();
        FileTime committed = Files.getLastModifiedTime(project.output.resolve("a.txt"));

        Files.setLastModifiedTime(a, hoursAgo(0.5)); // touch: new time, same size, same bytes
        Build afterTouch = project.build();

        assertEquals(List.of(), afterTouch.processed(), "the content hash shows the input unchanged");
        assertEquals(2, afterTouch.result().upToDate());
        assertTrue(afterTouch.startLine().endsWith("(2 recorded by the last build are checked first)"),
                "both keep their recorded size: " + afterTouch.startLine());
        assertEquals(committed, Files.getLastModifiedTime(project.output.resolve("a.txt")), "its output is kept as it is");

        Build next = project.build();

        assertEquals(List.of(), next.processed());
        assertEquals(2, next.result().upToDate(), "the new time was recorded, so a.txt is back on the fast path");
    }

    @Test
    void inputWithTheSameSizeButOtherContentIsProcessedAgain() throws Exception {
        Path a = project.writeOld("a.txt", "abc");
        project.writeOld("b.txt", "b");
        project.build();

        Files.writeString(a, "xyz");
        Files.setLastModifiedTime(a, hoursAgo(0.5));
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("xyz", Files.readString(project.output.resolve("a.txt")));
    }

    @Test
    void inputRewrittenWithTheSameSizeAndTimeRightAfterABuildReadItIsProcessedAgain() throws Exception {
        // On a file system with coarse time stamps, a second write within the same tick keeps the time, so a
        // build must not trust a time stamp this close to its read. A time a minute ahead is that close
        // however slowly this machine gets to the build.
        Path a = project.write("a.txt", "abc");
        FileTime written = FileTime.from(Instant.now().plus(Duration.ofMinutes(1)));
        Files.setLastModifiedTime(a, written);
        project.build();

        Files.writeString(a, "xyz");
        Files.setLastModifiedTime(a, written);
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("xyz", Files.readString(project.output.resolve("a.txt")));
    }

    /**
     * Stands in for a user who saves an edit of the same size while a slow processor works on the input, on
     * a file system whose time stamps are too coarse to tell the two writes apart: rewrites the input with
     * the same size and time right after reading it, then takes until {@link #RACY_WINDOW} after the first
     * write to finish, so the item commits long after its input was read.
     */
    public static final class EditedWhileProcessing implements ItemProcessor {
        static final Duration RACY_WINDOW = Duration.ofMillis(2200);
        static volatile Duration startedAfterWrite;

        @Override
        public void process(Item item) throws Exception {
            FileTime written = Files.getLastModifiedTime(item.path());
            startedAfterWrite = Duration.between(written.toInstant(), Instant.now());
            String text = Files.readString(item.path());
            Files.writeString(item.output(), text);
            Files.writeString(item.path(), text.toUpperCase(Locale.ROOT));
            Files.setLastModifiedTime(item.path(), written);
            Duration left = Duration.between(Instant.now(), written.toInstant().plus(RACY_WINDOW));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis() + 1);
            }
        }
    }

    @Test
    void inputEditedWithinItsTimeStampWhileASlowItemWasProcessingIsProcessedAgain() throws Exception {
        // The input's time is set a few seconds ahead, so that the item starts within the time stamp window
        // even on a slow machine, and still commits well after the window has passed.
        Path a = project.write("a.txt", "abc");
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plus(Duration.ofSeconds(4))));
        project.build(EditedWhileProcessing.class);
        assertTrue(EditedWhileProcessing.startedAfterWrite.compareTo(Duration.ofMillis(1500)) < 0,
                "the item must start within the time stamp window of its input's write; this machine took "
                        + EditedWhileProcessing.startedAfterWrite);

        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed(), "the input read was not the input recorded");
        assertEquals("ABC", Files.readString(project.output.resolve("a.txt")));
    }

    @Test
    void recentInputThatDidNotChangeIsUpToDateByItsContent() throws Exception {
        project.write("a.txt", "abc");
        project.build();

        Build second = project.build();

        assertEquals(List.of(), second.processed());
        assertEquals(1, second.result().upToDate());
    }

    // ---- edited, deleted, excluded, new inputs ----

    @Test
    void editedInputIsProcessedAloneAndOutputsItNoLongerWritesAreRemovedWithTheirEmptyDirectories() throws Exception {
        project.write("a.txt", "a\nalso: extra/deep/a.meta\nalso: extra/a.keep\n");
        project.write("b.txt", "b");
        project.write("c.txt", "c");
        project.build();
        assertTrue(Files.isRegularFile(project.output.resolve("extra/deep/a.meta")));

        project.write("a.txt", "a, edited\nalso: extra/a.keep\n");
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals(1, second.result().removed());
        assertEquals(Map.of(
                "a.txt", "a, edited\nalso: extra/a.keep\n",
                "b.txt", "b",
                "c.txt", "c",
                "extra/a.keep", "also from a.txt"), project.outputs());
        assertFalse(Files.exists(project.output.resolve("extra/deep")), "the directory the stale output leaves empty is removed");
        assertTrue(second.summary().startsWith("Processed 1 of 3 files"), second.summary());
        assertTrue(second.summary().contains(", 2 up to date, 0 failed, 1 stale output removed"), second.summary());
    }

    @Test
    void deletedInputsOutputsAreRemovedWithTheDirectoriesTheyLeaveEmpty() throws Exception {
        project.write("sub/dir/a.txt", "a\nalso: generated/a.idx\n");
        project.write("b.txt", "b");
        project.build();

        Files.delete(project.input.resolve("sub/dir/a.txt"));
        Build second = project.build();

        assertEquals(List.of(), second.processed());
        assertEquals(2, second.result().removed());
        assertEquals(List.of("b.txt"), Trees.entries(project.output), "no empty directory stays behind");
        assertTrue(second.summary().startsWith("1 file up to date, 0 processed, 2 stale outputs removed"), second.summary());
    }

    @Test
    void deletingEveryInputRemovesEveryOutputAndSaysSo() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b");
        project.build();

        Files.delete(project.input.resolve("a.txt"));
        Files.delete(project.input.resolve("b.txt"));
        Build second = project.build();

        assertEquals(3, second.result().removed());
        assertEquals(List.of(), Trees.files(project.output));
        assertEquals("Removed 3 stale outputs of inputs that are gone", second.summary());
        assertEquals(0, project.build().result().removed(), "the state forgot the deleted inputs");
    }

    @Test
    void newlyExcludedInputsOutputsAreRemoved() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "b\nalso: b/extra.txt\n");
        project.build();

        Build second = project.excluding("b.txt").build();

        assertEquals(2, second.result().removed());
        assertEquals(Map.of("a.txt", "a"), project.outputs());
        assertFalse(Files.exists(project.output.resolve("b")));
    }

    @Test
    void newInputIsProcessedAlone() throws Exception {
        project.write("a.txt", "a");
        project.build();

        project.write("new/b.txt", "b");
        Build second = project.build();

        assertEquals(List.of("new/b.txt"), second.processed());
        assertEquals(1, second.result().upToDate());
        assertEquals(Map.of("a.txt", "a", "new/b.txt", "b"), project.outputs());
    }

    @Test
    void inputRenamedIsProcessedUnderItsNewNameAndTheOldOutputsAreRemoved() throws Exception {
        project.write("old.txt", "content");
        project.build();

        Files.move(project.input.resolve("old.txt"), project.input.resolve("new.txt"));
        Build second = project.build();

        assertEquals(List.of("new.txt"), second.processed());
        assertEquals(Map.of("new.txt", "content"), project.outputs());
    }

    @Test
    void outputThatAnotherInputTakesOverInTheSameBuildIsKept() throws Exception {
        project.write("a.txt", "a\nalso: shared.txt\n");
        project.write("b.txt", "b");
        project.build();

        project.write("a.txt", "a, without shared\n");
        project.write("b.txt", "b\nalso: shared.txt\n");
        Build second = project.build();

        assertEquals(List.of("a.txt", "b.txt"), second.processed());
        assertEquals("also from b.txt", Files.readString(project.output.resolve("shared.txt")));
        assertEquals(0, second.result().removed());
        assertEquals(List.of(), project.build().processed());
    }

    @Test
    void outputListenerHearsOfEveryOutputWrittenAndEveryStaleOutputDeleted() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b");
        project.build();

        project.write("a.txt", "a, edited\n");
        Files.delete(project.input.resolve("b.txt"));
        List<String> heard = new CopyOnWriteArrayList<>();
        ParallelRun.execute(project.request(IncrementalProject.ListedOutputs.class, RunLog.silent())
                .outputListener(new OutputListener() {
                    @Override
                    public void written(Path file) {
                        heard.add("written " + project.output.relativize(file));
                    }

                    @Override
                    public void deleted(Path file) {
                        heard.add("deleted " + project.output.relativize(file));
                    }
                })
                .build());

        assertEquals(List.of("deleted b.txt", "deleted idx/a.idx", "written a.txt"), heard.stream().sorted().toList());
    }

    @Test
    void newInputWritingTheOutputOfAnUpToDateInputIsAConflictAsInACleanBuild() throws Exception {
        project.workers(1);
        project.write("page.md", "markdown\nalso: page.html\n");
        project.build();

        project.write("page.rst", "restructured text\nalso: page.html\n");
        Build second = project.build();

        assertEquals(List.of("page.rst"), second.result().failures().stream().map(ItemFailure::relativePath).toList());
        String message = second.result().failures().get(0).cause().getMessage();
        assertTrue(message.contains("'page.html' is written by both 'page.md' and 'page.rst'"), message);
        assertEquals("also from page.md", Files.readString(project.output.resolve("page.html")),
                "the up-to-date input keeps its output");
        IncrementalProject clean = new IncrementalProject(project.input, root.resolve("clean/out"), root.resolve("clean/state")).workers(1);
        Build cleanBuild = clean.build();
        assertEquals(List.of("page.rst"), cleanBuild.result().failures().stream().map(ItemFailure::relativePath).toList());
        assertEquals(clean.outputs(), project.outputs(), "the same outcome as a clean build");

        Build third = project.build();
        assertEquals(List.of("page.rst"), third.processed(), "only the failed item is tried again, the other stays up to date");
        assertEquals(1, third.result().failures().size());
    }

    @Test
    void conflictWithAnUpToDateInputIsReportedWhicheverWorkerGetsThereFirst() throws Exception {
        for (int i = 0; i < 10; i++) {
            project.write("z-" + i + ".txt", "filler " + i);
        }
        project.write("page.md", "markdown\nalso: page.html\n");
        project.build();

        project.write("page.markdown", "sorts first\nalso: page.html\n");
        Build second = project.workers(2).build();

        assertEquals(1, second.result().failures().size(), second.result().failures().toString());
        String message = second.result().failures().get(0).cause().getMessage();
        assertTrue(message.contains("'page.html' is written by both"), message);
        assertTrue(message.contains("'page.md'") && message.contains("'page.markdown'"), message);
    }

    // ---- outputs changed by hand ----

    @Test
    void outputDeletedByHandIsWrittenAgain() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "b");
        project.build();

        Files.delete(project.output.resolve("a.txt"));
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("a", Files.readString(project.output.resolve("a.txt")));
    }

    @Test
    void secondOutputDeletedByHandRedoesItsItem() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b");
        project.build();

        Files.delete(project.output.resolve("idx/a.idx"));
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("also from a.txt", Files.readString(project.output.resolve("idx/a.idx")));
    }

    @Test
    void outputEditedByHandToAnotherSizeIsWrittenAgain() throws Exception {
        project.write("a.txt", "original");
        project.write("b.txt", "b");
        project.build();
        Path output = project.output.resolve("a.txt");
        FileTime committed = Files.getLastModifiedTime(output);

        Files.writeString(output, "edited by hand");
        Files.setLastModifiedTime(output, committed); // only the size tells
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("original", Files.readString(output));
    }

    @Test
    void outputEditedByHandWithTheSameSizeIsWrittenAgain() throws Exception {
        project.write("a.txt", "original");
        project.write("b.txt", "b");
        project.build();
        Path output = project.output.resolve("a.txt");

        Files.writeString(output, "ORIGINAL");
        Files.setLastModifiedTime(output, hoursAgo(0.1)); // only the time tells
        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed());
        assertEquals("original", Files.readString(output));
    }

    @Test
    void outputReplacedByADirectoryOfTheUsersIsNotUpToDateAndTheDirectoryIsKept() throws Exception {
        project.write("a.txt", "a");
        project.build();
        Files.delete(project.output.resolve("a.txt"));
        Trees.write(project.output, "a.txt/mine.txt", "the user's");

        Build second = project.build();

        assertEquals(List.of("a.txt"), second.processed(), "a directory is no output, so the item is not up to date");
        assertEquals(1, second.result().failures().size(), "the directory in the way fails the item");
        assertEquals("the user's", Files.readString(project.output.resolve("a.txt/mine.txt")));
        assertEquals(List.of("Not removing stale output a.txt: a directory stands there now"), second.warnings());
    }

    @Test
    void wipedOutputDirectoryRedoesEverything() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b/b.txt", "b");
        project.build();
        Map<String, String> outputs = project.outputs();

        FileTrees.deleteTree(project.output);
        Build second = project.build();

        assertEquals(List.of("a.txt", "b/b.txt"), second.processed());
        assertEquals(outputs, project.outputs());
        assertEquals(List.of(), project.build().processed());
    }

    // ---- configuration and force ----

    @Test
    void changedParameterRedoesEverything() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "b");
        project.parameters(Map.of("prefix", "1:")).build();

        Build second = project.parameters(Map.of("prefix", "2:")).build();

        assertEquals(List.of("a.txt", "b.txt"), second.processed());
        assertEquals(Map.of("a.txt", "2:a", "b.txt", "2:b"), project.outputs());
        assertEquals(List.of(), project.build().processed(), "the new configuration is recorded");
    }

    @Test
    void configurationChangeRemovesOutputsNoLongerProduced() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b\nalso: idx/deeper/b.idx\n");
        project.build();

        Build second = project.parameters(Map.of("also", "off")).build();

        assertEquals(List.of("a.txt", "b.txt"), second.processed());
        assertEquals(2, second.result().removed());
        assertEquals(List.of("a.txt", "b.txt"), Trees.entries(project.output));
    }

    @Test
    void changingTheConfigurationBackRedoesEverythingAgain() throws Exception {
        project.write("a.txt", "a");
        project.build();
        project.parameters(Map.of("prefix", "x")).build();

        Build back = project.parameters(Map.of()).build();

        assertEquals(List.of("a.txt"), back.processed());
        assertEquals(Map.of("a.txt", "a"), project.outputs());
    }

    @Test
    void forceRedoesEverythingAndTheNextBuildIsUpToDateAgain() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b");
        project.build();
        Map<String, String> outputs = project.outputs();

        Build forced = project.force(true).build();

        assertEquals(List.of("a.txt", "b.txt"), forced.processed());
        assertEquals(0, forced.result().upToDate());
        assertEquals(0, forced.result().removed(), "outputs written again are not stale");
        assertEquals(outputs, project.outputs());
        assertEquals(List.of(), project.force(false).build().processed());
    }

    @Test
    void forcedBuildStillRemovesOutputsOfDeletedInputs() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "b");
        project.build();

        Files.delete(project.input.resolve("b.txt"));
        Build forced = project.force(true).build();

        assertEquals(List.of("a.txt"), forced.processed());
        assertEquals(Map.of("a.txt", "a"), project.outputs());
    }

    // ---- failures ----

    @Test
    void failedItemIsNeverUpToDateAndIsTriedOnEveryBuildUntilFixed() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "fail");
        Build first = project.build();
        assertEquals(List.of("b.txt"), first.result().failures().stream().map(ItemFailure::relativePath).toList());

        for (int build = 2; build <= 3; build++) {
            Build again = project.build();
            assertEquals(List.of("b.txt"), again.processed(), "build " + build + " tries the failed item again, and only it");
            assertEquals(1, again.result().failures().size());
            assertEquals(1, again.result().upToDate());
        }

        project.write("b.txt", "fixed");
        assertEquals(List.of("b.txt"), project.build().processed());
        Build afterFix = project.build();
        assertEquals(List.of(), afterFix.processed());
        assertTrue(afterFix.result().succeeded());
        assertEquals(Map.of("a.txt", "a", "b.txt", "fixed"), project.outputs());
    }

    @Test
    void itemThatFailsNowLosesTheOutputsItWroteBefore() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "b\nalso: idx/b.idx\n");
        project.build();

        project.write("b.txt", "fail\nalso: idx/b.idx\n");
        Build second = project.build();

        assertEquals(1, second.result().failures().size());
        assertEquals(2, second.result().removed());
        assertEquals(List.of("a.txt"), Trees.entries(project.output), "no stale output of the failed item is left to be packaged");
        assertTrue(second.summary().contains("1 failed, 2 stale outputs removed"), second.summary());
    }

    @Test
    void failFastBuildThatStoppedEarlyIsCompletedByTheNextBuild() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            project.write(name + ".txt", name + "\nalso: idx/" + name + ".idx\n");
        }
        project.workers(1).build();

        project.write("a.txt", "a2\n");
        project.write("b.txt", "fail\n");
        project.write("d.txt", "d2\n");
        Build stopped = project.failFast(true).build();
        assertEquals(List.of("a.txt", "b.txt"), stopped.processed());
        assertEquals(2, stopped.result().notStarted(), "c.txt and d.txt");

        project.write("b.txt", "b2\n");
        Build next = project.failFast(false).build();

        assertEquals(List.of("b.txt", "d.txt"), next.processed(), "a.txt was recorded before the stop, c.txt did not change");
        assertEquals(Map.of(
                "a.txt", "a2\n",
                "b.txt", "b2\n",
                "c.txt", "c\nalso: idx/c.idx\n",
                "d.txt", "d2\n",
                "idx/c.idx", "also from c.txt"), project.outputs());
    }

    // ---- files parmap did not write ----

    @Test
    void filesParmapDidNotWriteSurviveEveryKindOfBuild() throws Exception {
        project.write("a.txt", "a\nalso: idx/a.idx\n");
        project.write("b.txt", "b");
        Trees.write(project.output, "README.txt", "written by the user");
        Trees.write(project.output, "idx/user.idx", "also the user's");
        Trees.write(project.output, "b.txt.orig", "a backup next to an output");
        Map<String, String> foreign = IncrementalProject.texts(project.output);
        project.build();

        project.write("a.txt", "fail");
        project.build();
        Files.delete(project.input.resolve("a.txt"));
        project.build();
        project.parameters(Map.of("prefix", "p")).build();
        project.force(true).build();
        project.excluding("b.txt").build();

        Map<String, String> left = project.outputs();
        assertEquals(foreign, left, "every foreign file is still there, unchanged, and only they are");
    }

    @Test
    void executionsSharingAnOutputDirectoryNeverRemoveEachOthersOutputs() throws Exception {
        Path shared = root.resolve("out");
        IncrementalProject images = new IncrementalProject(root.resolve("images"), shared, root.resolve("state/images"));
        IncrementalProject texts = new IncrementalProject(root.resolve("texts"), shared, root.resolve("state/texts"));
        images.write("logo.img", "logo\nalso: index/logo.idx\n");
        images.write("icon.img", "icon");
        texts.write("notes.txt", "notes\nalso: index/notes.idx\n");
        images.build();
        texts.build();

        Files.delete(images.input.resolve("logo.img"));
        Build imagesAgain = images.parameters(Map.of("prefix", "v2 ")).build();
        Files.delete(images.input.resolve("icon.img"));
        images.build();

        assertEquals(List.of("icon.img"), imagesAgain.processed());
        assertEquals(Map.of(
                "index/notes.idx", "also from notes.txt",
                "notes.txt", "notes\nalso: index/notes.idx\n"), IncrementalProject.texts(shared));
        assertEquals(List.of(), texts.build().processed(), "the other execution's outputs are untouched, so it is up to date");
    }

    // ---- where the state lives and what it holds ----

    @Test
    void movedProjectIsUpToDateBecauseTheStateHoldsRelativePathsOnly() throws Exception {
        Path before = root.resolve("first-place");
        IncrementalProject original = new IncrementalProject(before);
        original.write("a.txt", "a\nalso: idx/a.idx\n");
        original.write("sub/b.txt", "b");
        original.build();
        String state = new String(Files.readAllBytes(original.state.resolve(BuildState.SNAPSHOT)), StandardCharsets.ISO_8859_1);
        assertFalse(state.contains(before.toString()), "no absolute path in the state");
        assertFalse(state.contains("first-place"), "no trace of where the project was");

        Path after = Files.move(before, Files.createDirectories(root.resolve("elsewhere")).resolve("second-place"));
        IncrementalProject moved = new IncrementalProject(after);
        Build build = moved.build();

        assertEquals(List.of(), build.processed());
        assertEquals(2, build.result().upToDate());
        assertEquals(List.of(), build.warnings());
        Files.delete(moved.input.resolve("a.txt"));
        assertEquals(2, moved.build().result().removed(), "the moved state still knows its outputs");
        assertEquals(List.of("sub", "sub/b.txt"), Trees.entries(moved.output));
    }

    @Test
    void stateDirectoryInsideTheOutputDirectoryIsRejected() {
        Path output = root.resolve("out");
        for (Path state : List.of(output, output.resolve("state"), output.resolve("a/../.parmap-state"))) {
            IncrementalProject project = new IncrementalProject(root.resolve("src"), output, state);
            project.write("a.txt", "a");
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ParallelRun.execute(project.request(IncrementalProject.ListedOutputs.class, RunLog.silent()).build()), state.toString());
            assertEquals("outputDirectory", e.parameter());
            assertTrue(e.getMessage().contains("does not contain parmap's build state"), e.getMessage());
            assertFalse(Files.exists(output), "nothing is written");
        }
    }

    @Test
    void stateDirectoryBesideTheOutputDirectoryIsAccepted() throws Exception {
        IncrementalProject beside = new IncrementalProject(root.resolve("src"), root.resolve("out"), root.resolve("out-state"));
        beside.write("a.txt", "a");
        beside.build();

        assertEquals(List.of("a.txt"), Trees.files(beside.output));
        assertEquals(List.of(StateLock.FILE, RecordedOutputDirectory.FILE, "settings.txt", BuildState.SNAPSHOT), Trees.files(beside.state));
    }

    @Test
    void finishedBuildLeavesOnlyTheSnapshotItsOutputDirectoryAndItsSettingDigestsAndNoStagingInTheOutputDirectory() throws Exception {
        project.write("a.txt", "a");
        project.write("b.txt", "fail");
        project.build();

        assertEquals(List.of(StateLock.FILE, RecordedOutputDirectory.FILE, "settings.txt", BuildState.SNAPSHOT), Trees.files(project.state));
        assertEquals(List.of("a.txt"), Trees.entries(project.output));
    }

    @Test
    void buildWithoutIncrementalSettingsProcessesEverythingEveryTimeEvenWithAStateAround() throws Exception {
        project.write("a.txt", "a");
        project.build();

        for (int build = 0; build < 2; build++) {
            RecordingLog log = new RecordingLog();
            ProcessingResult result = ParallelRun.execute(Runs.request(project.input, project.output, IncrementalProject.ListedOutputs.class)
                    .log(log).build());
            assertEquals(1, result.processed());
            assertEquals(0, result.upToDate());
        }
    }

    @Test
    void deletingTheStateWhenIncrementalBuildsAreTurnedOffMakesTheNextIncrementalBuildStartAfresh() throws Exception {
        project.write("a.txt", "a");
        project.build();

        Incremental.deleteState(project.state);
        Build next = project.build();

        assertEquals(List.of("a.txt"), next.processed());
        assertEquals(List.of(), next.warnings(), "no state is no damage");
    }

    private static Map<String, FileTime> modificationTimes(Path root) throws Exception {
        Map<String, FileTime> times = new TreeMap<>();
        for (String file : Trees.files(root)) {
            times.put(file, Files.getLastModifiedTime(root.resolve(file)));
        }
        return times;
    }
}
