package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.scan.InputScanner;
import io.github.parmap.engine.scan.PathFilter;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputScannerTest {

    @TempDir
    Path root;

    private Path input() throws IOException {
        return Files.createDirectories(root.resolve("in"));
    }

    /**
     * Scans on one thread and again with the subdirectories walked on threads of their own: both must find
     * the same items and say the same, in the same order. The caller's log hears the first.
     */
    private List<String> scan(Path input, Path output, PathFilter filter, RunLog log) throws IOException {
        RecordingLog alone = new RecordingLog();
        List<String> items = new InputScanner(input, output, filter, alone).scan();
        RecordingLog parallel = new RecordingLog();
        List<String> itemsInParallel;
        try {
            itemsInParallel = new InputScanner(input, output, filter, parallel).scanFiles(3).stream().map(InputFile::relativePath).toList();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(items, itemsInParallel, "the items of a scan on several threads");
        assertEquals(alone.entries().stream().map(RecordingLog.Entry::message).toList(),
                parallel.entries().stream().map(RecordingLog.Entry::message).toList(), "what a scan on several threads says");
        alone.entries().forEach(entry -> log.log(entry.level(), entry.message(), entry.thrown()));
        return items;
    }

    @Test
    void aScanOnSeveralThreadsFindsWhatOneThreadFindsInTheSameOrder() throws IOException {
        Path input = input();
        for (int directory = 0; directory < 30; directory++) {
            for (int file = 0; file < 40; file++) {
                Trees.write(input, String.format("d%02d/sub/f%03d.txt", directory, file), "x");
                Trees.write(input, String.format("d%02d.f%03d", directory, file), "y"); // sorts between d00 and d00/...
            }
        }
        Trees.write(input, "top.txt", "z");
        createSymbolicLink(input.resolve("d05/up"), input); // a loop through the input directory itself
        createSymbolicLink(input.resolve("d07/gone.txt"), root.resolve("missing"));
        // Warnings of the input directory's own entries, met before, between and after the subdirectories.
        for (int link = 0; link < 12; link++) {
            createSymbolicLink(input.resolve("gone-" + link + ".txt"), root.resolve("missing"));
        }

        List<String> items = scan(input, root.resolve("out"), PathFilter.all(), RunLog.silent());

        assertEquals(30 * 40 * 2 + 1, items.size());
        assertEquals(items.stream().sorted().toList(), items);
    }

    /** Writes a regular file at a relative path and nothing else. */
    public static final class Touch implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(), "seen");
        }
    }

    @Test
    void findsEveryRegularFileSortedBySlashSeparatedRelativePath() throws IOException {
        Path input = input();
        Trees.write(input, "b.txt", "b");
        Trees.write(input, "a/z.txt", "z");
        Trees.write(input, "a/b/c.txt", "c");
        Trees.write(input, "A.txt", "A");
        Trees.write(input, "a.txt", "a");
        Files.createDirectories(input.resolve("empty/dir"));

        List<String> items = scan(input, root.resolve("out"), PathFilter.all(), RunLog.silent());

        assertEquals(List.of("A.txt", "a.txt", "a/b/c.txt", "a/z.txt", "b.txt"), items);
    }

    @Test
    void filterDecidesWhichFilesAreItemsAndSkippedDirectoriesAreNotEntered() throws IOException {
        Path input = input();
        Trees.write(input, "keep/one.png", "1");
        Trees.write(input, "keep/two.txt", "2");
        Trees.write(input, "top.png", "3");
        Trees.write(input, "skipped/three.png", "4");
        Trees.write(input, "skipped/deeper/four.png", "5");
        List<String> filesAsked = new ArrayList<>();
        PathFilter pngOutsideSkipped = new PathFilter() {
            @Override
            public boolean includesFile(String relativePath) {
                filesAsked.add(relativePath);
                return relativePath.endsWith(".png");
            }

            @Override
            public boolean mayIncludeFilesUnder(String relativePath) {
                return !relativePath.equals("skipped");
            }
        };

        List<String> items = scan(input, root.resolve("out"), pngOutsideSkipped, RunLog.silent());

        assertEquals(List.of("keep/one.png", "top.png"), items);
        assertTrue(filesAsked.stream().noneMatch(path -> path.startsWith("skipped/")),
                "files below a directory the filter rules out must not be looked at, but were: " + filesAsked);
    }

    @Test
    void outputDirectoryInsideInputDirectoryIsNotScanned() throws IOException {
        Path input = input();
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "generated/old-output.txt", "from an earlier run");
        Trees.write(input, "generatedToo/b.txt", "b");

        List<String> items = scan(input, input.resolve("generated"), PathFilter.all(), RunLog.silent());

        assertEquals(List.of("a.txt", "generatedToo/b.txt"), items);
    }

    @Test
    void secondRunWithOutputInsideInputDoesNotReadItsOwnOutputsBack() throws Exception {
        Path input = input();
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "sub/b.txt", "b");
        Path output = input.resolve("out");

        ProcessingResult first = Runs.run(input, output, Touch.class, 2);
        ProcessingResult second = Runs.run(input, output, Touch.class, 2);

        assertEquals(2, first.itemCount());
        assertEquals(2, second.itemCount());
        assertEquals(List.of("a.txt", "sub/b.txt"), Trees.files(output));
    }

    @Test
    void symbolicLinkToFileIsFollowedAndKeepsTheLinksPath() throws IOException {
        Path input = input();
        Path target = Trees.write(root, "elsewhere/real.txt", "real content");
        createSymbolicLink(input.resolve("linked.txt"), target);
        Trees.write(input, "plain.txt", "plain");

        List<String> items = scan(input, root.resolve("out"), PathFilter.all(), RunLog.silent());

        assertEquals(List.of("linked.txt", "plain.txt"), items);
    }

    @Test
    void symbolicLinkToFileIsProcessedWithTheTargetsContent() throws Exception {
        Path input = input();
        Path target = Trees.write(root, "elsewhere/real.txt", "real content");
        createSymbolicLink(input.resolve("linked.txt"), target);
        Path output = root.resolve("out");

        ProcessingResult result = Runs.runBuiltin(input, output, "copy", java.util.Map.of(), 1);

        assertTrue(result.succeeded(), () -> result.toString());
        assertEquals("real content", Trees.read(output, "linked.txt"));
        assertFalse(Files.isSymbolicLink(output.resolve("linked.txt")), "the output must be a copy, not a link");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang only; a correct scan ends at once
    void symbolicLinkLoopIsReportedAsWarningAndTheRestIsScanned() throws IOException {
        Path input = input();
        Trees.write(input, "a/file.txt", "x");
        Trees.write(input, "b.txt", "y");
        createSymbolicLink(input.resolve("a/loop"), input.resolve("a"));
        RecordingLog log = new RecordingLog();

        List<String> items = scan(input, root.resolve("out"), PathFilter.all(), log);

        assertEquals(List.of("a/file.txt", "b.txt"), items);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
        assertTrue(warnings.get(0).contains("a/loop"), () -> "the warning should name the link: " + warnings.get(0));
    }

    @Test
    void danglingSymbolicLinkIsNotAnItemAndDoesNotStopTheScan() throws IOException {
        Path input = input();
        Trees.write(input, "a.txt", "a");
        createSymbolicLink(input.resolve("dangling.txt"), root.resolve("does-not-exist.txt"));

        RecordingLog log = new RecordingLog();
        List<String> items = scan(input, root.resolve("out"), PathFilter.all(), log);

        assertEquals(List.of("a.txt"), items);
        assertEquals(List.of("Skipping dangling.txt: a symbolic link whose target does not exist"), log.messages(Level.WARNING));
    }

    @Test
    void missingInputDirectoryIsRejectedNamingInputDirectory() {
        Path missing = root.resolve("no-such-dir");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Runs.run(missing, root.resolve("out"), Touch.class, 1));

        assertEquals("inputDirectory", e.parameter());
        assertTrue(e.getMessage().contains("<inputDirectory>"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void inputDirectoryThatIsAFileIsRejectedNamingInputDirectory() {
        Path file = Trees.write(root, "file.txt", "not a directory");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Runs.run(file, root.resolve("out"), Touch.class, 1));

        assertEquals("inputDirectory", e.parameter());
        assertTrue(e.getMessage().contains("<inputDirectory>"), e.getMessage());
    }

    @Test
    void outputDirectoryEqualToInputDirectoryIsRejectedNamingOutputDirectory() throws IOException {
        Path input = input();
        Trees.write(input, "a.txt", "a");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Runs.run(input, root.resolve("other/../in"), Touch.class, 1));

        assertEquals("outputDirectory", e.parameter());
        assertTrue(e.getMessage().contains("<outputDirectory>"), e.getMessage());
        assertEquals(List.of("a.txt"), Trees.entries(input), "nothing may be written into the input directory");
    }

    @Test
    void outputDirectoryThatIsAFileIsRejectedNamingOutputDirectory() throws IOException {
        Path input = input();
        Trees.write(input, "a.txt", "a");
        Path file = Trees.write(root, "out", "a file where the output directory should be");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Runs.run(input, file, Touch.class, 1));

        assertEquals("outputDirectory", e.parameter());
    }

    @Test
    void noMatchingFilesGivesSuccessfulResultWithNoItems() throws Exception {
        Path input = input();
        Trees.write(input, "a.txt", "a");
        Path output = root.resolve("out");
        PathFilter nothing = new PathFilter() {
            @Override
            public boolean includesFile(String relativePath) {
                return false;
            }

            @Override
            public boolean mayIncludeFilesUnder(String relativePath) {
                return false;
            }
        };
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, Touch.class).filter(nothing).log(log).build());

        assertEquals(0, result.itemCount());
        assertEquals(0, result.processed());
        assertEquals(0, result.outputsCommitted());
        assertTrue(result.succeeded());
        assertEquals(List.of(), Trees.entries(output));
        assertFalse(log.messages(Level.INFO).isEmpty(), "a run with nothing to do still says so");
    }

    @Test
    void emptyInputDirectoryGivesSuccessfulResultWithNoItems() throws Exception {
        ProcessingResult result = Runs.run(input(), root.resolve("out"), Touch.class, 4);

        assertEquals(0, result.itemCount());
        assertTrue(result.succeeded());
    }

    private static void createSymbolicLink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be created here: " + e);
        }
    }
}
