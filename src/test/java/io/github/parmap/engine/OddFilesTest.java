package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.PrintablePaths;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messy real folders: odd file names, empty and unreadable files, special files, links, loops and deep trees.
 * Each test states what parmap does with one kind of oddity. (Link loops, dangling links, an output directory
 * inside the input directory and an input directory that is a file are in {@link InputScannerTest}.)
 */
class OddFilesTest {
    private static final String NFC_E_ACUTE = "caf\u00e9.txt";
    private static final String NFD_E_ACUTE = "cafe\u0301.txt";

    @TempDir
    Path root;

    private Path input;
    private Path output;

    private Path input() throws IOException {
        if (input == null) {
            input = Files.createDirectories(root.resolve("in"));
            output = root.resolve("out");
        }
        return input;
    }

    /**
     * Writes {@code [relativePath]} and the input's bytes at the input's own relative path; fails an item whose
     * content is {@code fail}, after writing its output. Checks that {@code path()} is the input file itself.
     */
    public static final class Labels implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            byte[] content = Files.readAllBytes(item.path());
            Files.write(item.output(), ("[" + item.relativePath() + "]" + new String(content, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            if (new String(content, StandardCharsets.UTF_8).equals("fail")) {
                throw new IllegalStateException("told to fail");
            }
        }
    }

    private ProcessingResult run(Class<?> processor, RecordingLog log) throws Exception {
        return ParallelRun.execute(Runs.request(input(), output, processor).workers(2).log(log).build());
    }

    private ProcessingResult runIncremental(Class<?> processor, RecordingLog log) throws Exception {
        return ParallelRun.execute(Runs.request(input(), output, processor).workers(2).log(log)
                .incremental(new Incremental(root.resolve("state"), "configuration", false)).build());
    }

    // ---- names ----

    @Test
    void namesWithSpacesLeadingDashesAndUnicodeReachTheProcessorAndTheOutputsUnchanged() throws Exception {
        List<String> names = List.of("my notes.txt", " leading and trailing space .txt", "-n.txt", "--help", "-", "sub dir/-rf",
                "\u65e5\u672c\u8a9e/\u30d5\u30a1\u30a4\u30eb.txt", "emoji \ud83d\ude00.txt", "quote's \"and\" $HOME *.txt", "back\\slash.txt",
                NFC_E_ACUTE);
        Map<String, String> expected = new TreeMap<>();
        for (String name : names) {
            Trees.write(input(), name, "content of " + name);
            expected.put(name, hex("[" + name + "]content of " + name));
        }

        ProcessingResult first = runIncremental(Labels.class, new RecordingLog());
        Map<String, String> outputs = Trees.contents(output);
        RecordingLog secondLog = new RecordingLog();
        ProcessingResult second = runIncremental(Labels.class, secondLog);
        for (String name : names) {
            Files.delete(input().resolve(name));
        }
        ProcessingResult third = runIncremental(Labels.class, new RecordingLog());

        assertTrue(first.succeeded(), first::toString);
        assertEquals(names.size(), first.processed());
        assertEquals(expected, outputs, "each output at the input's own name, which the processor saw as it is");
        assertEquals(names.size(), second.upToDate(), () -> "the state keeps every name: " + secondLog.entries());
        assertEquals(0, second.processed());
        assertEquals(names.size(), third.removed(), "the outputs of deleted inputs are removed, whatever their names");
        assertEquals(List.of(), Trees.files(output));
    }

    @Test
    void nfcAndNfdSpellingsOfOneNameAreTwoFilesAndStayTwo() throws Exception {
        assertFalse(NFC_E_ACUTE.equals(NFD_E_ACUTE));
        assertEquals(NFC_E_ACUTE, Normalizer.normalize(NFD_E_ACUTE, Normalizer.Form.NFC));
        Trees.write(input(), NFC_E_ACUTE, "composed");
        Trees.write(input(), NFD_E_ACUTE, "decomposed");
        try (var entries = Files.list(input())) {
            // macOS (HFS+, APFS) and some network file systems treat both spellings as one name.
            Assumptions.assumeTrue(entries.count() == 2, "this file system normalizes names, so both spellings are one file here");
        }

        ProcessingResult result = runIncremental(Labels.class, new RecordingLog());

        assertTrue(result.succeeded(), result::toString);
        Map<String, String> expected = new TreeMap<>(Map.of(
                NFC_E_ACUTE, hex("[" + NFC_E_ACUTE + "]composed"),
                NFD_E_ACUTE, hex("[" + NFD_E_ACUTE + "]decomposed")));
        assertEquals(expected, Trees.contents(output), "no normalization: each spelling is its own item and its own output");
    }

    @Test
    void nameWithLineBreakOrControlCharactersIsProcessedAsItIsAndShownEscapedOnOneLine() throws Exception {
        String twoLines = "two\nlines.txt";
        String failing = "bad\r\nname\t\u001b[31mred.txt";
        String dangling = "dangling\nlink";
        Trees.write(input(), twoLines, "fine");
        Trees.write(input(), failing, "fail");
        Trees.write(input(), "plain.txt", "fail");
        createSymbolicLink(input().resolve(dangling), root.resolve("nowhere"));
        RecordingLog log = new RecordingLog();

        ProcessingResult result = run(Labels.class, log);

        assertEquals(Map.of(twoLines, hex("[" + twoLines + "]fine")), Trees.contents(output),
                "the processor got the name as it is, and its output has that name");
        List<String> failures = result.failures().stream().map(ItemFailure::describe).toList();
        assertEquals(List.of("bad\\r\\nname\\t\\u001b[31mred.txt: IllegalStateException: told to fail",
                "plain.txt: IllegalStateException: told to fail"), failures);
        assertEquals(failing, result.failures().get(0).relativePath(), "the failure still carries the real path");
        assertEquals(List.of("Skipping dangling\\nlink: a symbolic link whose target does not exist"), log.messages(Level.WARNING));
    }

    @Test
    void fileSystemErrorsNamingSuchAFileStayOnOneLine() {
        assertEquals("in/a\\nb.txt: NoSuchFileException: /p/in/a\\nb.txt",
                new ItemFailure("in/a\nb.txt", new NoSuchFileException("/p/in/a\nb.txt")).describe());
        assertEquals("x: AccessDeniedException: /p/x\\r -> /q: Permission denied",
                new ItemFailure("x", new AccessDeniedException("/p/x\r", "/q", "Permission denied")).describe());
        assertEquals("a\\\\b\\n: IOException: two\nlines", new ItemFailure("a\\b\n", new IOException("two\nlines")).describe(),
                "a processor's own message may span lines on purpose (exec shows a program's last lines); only paths are escaped");
        assertEquals("C:\\work\\in", PrintablePaths.printable("C:\\work\\in"), "a path without control characters is shown as it is");
    }

    @Test
    void outputPathWithLineBreakIsAllowedAndAConflictOverItIsShownOnOneLine() throws Exception {
        Trees.write(input(), "a.txt", "same\nout");
        Trees.write(input(), "b.txt", "same\nout");

        ProcessingResult result = run(OutputPathsTest.WritesWhereTold.class, new RecordingLog());

        assertEquals(1, result.failures().size(), result::toString);
        assertEquals("b.txt: output 'same\\nout' is written by both 'a.txt' and 'b.txt'; each output path may come from one input only",
                result.failures().get(0).describe());
        assertEquals(List.of("same\nout"), Trees.files(output));
    }

    /**
     * A name whose bytes are not valid in the JVM's file name encoding (here: a Latin-1 name on a UTF-8
     * system; the same happens to UTF-8 names when Maven runs in the C locale, where Java reads names as
     * ASCII) cannot be read by its name: the run stops before any item, naming the file and the remedy.
     */
    @Test
    void nameNotValidInTheFileNameEncodingStopsTheRunSayingWhatToDo() throws Exception {
        Assumptions.assumeTrue(!"ISO-8859-1".equals(System.getProperty("sun.jnu.encoding")), "Latin-1 names are valid in this JVM");
        Trees.write(input(), "ok.txt", "fine");
        Process printf = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'latin1-\\351.txt')\"").directory(input().toFile())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(printf.waitFor() == 0, "no POSIX shell to make a file with a Latin-1 name");

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> run(Labels.class, new RecordingLog()));

        assertTrue(e.getMessage().startsWith("the name of the file latin1-\uFFFD.txt is not valid in this JVM's file name encoding ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("rename the file, or run Maven in a locale whose encoding holds the name, such as LANG=C.UTF-8"),
                e.getMessage());
        assertFalse(Files.exists(output), "no item ran");
    }

    // ---- contents ----

    @Test
    void emptyFilesAreItemsLikeAnyOtherAndGiveEmptyOrValidOutputs() throws Exception {
        Trees.write(input(), "empty.txt", new byte[0]);
        Trees.write(input(), "sub/also-empty", new byte[0]);

        ProcessingResult copied = Runs.runBuiltin(input(), output, "copy", Map.of(), 2);
        // By default no sibling is kept for an empty file (none is smaller); with minRatio Infinity, a valid one.
        ProcessingResult gzipped = Runs.runBuiltin(input(), root.resolve("gz"), "gzip", Map.of("minRatio", "Infinity"), 2);
        ProcessingResult byDefault = Runs.runBuiltin(input(), root.resolve("gz-default"), "gzip", Map.of(), 2);
        ProcessingResult summed = Runs.runBuiltin(input(), root.resolve("sums"), "checksum", Map.of(), 2);

        assertTrue(copied.succeeded() && gzipped.succeeded() && summed.succeeded() && byDefault.succeeded());
        assertEquals(Map.of("not smaller", 2), byDefault.skipped());
        assertEquals(List.of(), Trees.files(root.resolve("gz-default")));
        assertEquals(Map.of("empty.txt", "", "sub/also-empty", ""), Trees.contents(output));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve("gz/empty.txt.gz")))) {
            assertEquals(0, in.readAllBytes().length);
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt\n",
                Trees.read(root.resolve("sums"), "empty.txt.sha256"), "the SHA-256 of no bytes, as sha256sum prints it");
    }

    @Test
    void emptyFileIsUpToDateOnTheNextIncrementalBuild() throws Exception {
        Trees.write(input(), "empty.txt", new byte[0]);
        Files.setLastModifiedTime(input().resolve("empty.txt"), IncrementalProject.hoursAgo(1));

        ProcessingResult first = runIncremental(Labels.class, new RecordingLog());
        ProcessingResult second = runIncremental(Labels.class, new RecordingLog());

        assertEquals(1, first.processed());
        assertEquals(1, second.upToDate());
        assertEquals("[empty.txt]", Trees.read(output, "empty.txt"));
    }

    /**
     * A file the build cannot read fails alone, with the operating system's reason, and is tried again on the
     * next build. Tests here run as root, for whom {@code chmod 000} does not prevent reading, so the
     * unreadable file is a link to {@code /proc/self/mem}: a regular file to {@code stat}, whose first page
     * (address 0, never mapped) fails every read with EIO, for root too.
     */
    @Test
    void unreadableFileFailsAloneWithTheReasonAndIsTriedAgainNextBuild() throws Exception {
        Path mem = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.isRegularFile(mem), "needs Linux's /proc/self/mem to make a file that even root cannot read");
        Trees.write(input(), "readable.txt", "fine");
        createSymbolicLink(input().resolve("unreadable.bin"), mem);

        ProcessingResult first = runIncremental(Labels.class, new RecordingLog());
        ProcessingResult second = runIncremental(Labels.class, new RecordingLog());

        assertEquals(List.of("unreadable.bin: IOException: Input/output error"),
                first.failures().stream().map(ItemFailure::describe).toList());
        assertEquals(Map.of("readable.txt", hex("[readable.txt]fine")), Trees.contents(output), "the failed item left no output");
        assertEquals(1, second.upToDate());
        assertEquals(1, second.failures().size(), "a failed item is never up to date: tried again, failed again");
    }

    /** The same with file permissions, where they apply: not as root, who reads a {@code chmod 000} file all the same. */
    @Test
    void fileWithoutReadPermissionFailsAloneNamingTheFile() throws Exception {
        Trees.write(input(), "readable.txt", "fine");
        Path secret = Trees.write(input(), "secret.txt", "secret");
        try {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions on this file system");
        }
        boolean readableAnyway = isReadable(secret);
        try {
            Assumptions.assumeFalse(readableAnyway, "this user reads files without read permission (root does): "
                    + "unreadableFileFailsAloneWithTheReasonAndIsTriedAgainNextBuild covers unreadable files for root");

            ProcessingResult result = run(Labels.class, new RecordingLog());

            assertEquals(1, result.failures().size(), result::toString);
            assertEquals("secret.txt: AccessDeniedException: " + secret, result.failures().get(0).describe());
            assertEquals(List.of("readable.txt"), Trees.files(output));
        } finally {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** A named pipe would block a reader forever; like sockets and devices it is not a regular file, so not an item. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang only; a correct run ends at once
    void namedPipeIsNotAnItemAndDoesNotBlockTheRun() throws Exception {
        Trees.write(input(), "a.txt", "a");
        Path fifo = input().resolve("pipe.txt");
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo could not make a named pipe here");
        } catch (IOException noMkfifo) {
            Assumptions.abort("no mkfifo here: " + noMkfifo);
        }
        assertFalse(Files.isRegularFile(fifo));

        ProcessingResult result = run(Labels.class, new RecordingLog());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(1, result.itemCount());
        assertEquals(List.of("a.txt"), Trees.files(output));
    }

    // ---- links ----

    @Test
    void symbolicLinkToDirectoryIsFollowedAndItsFilesKeepTheLinksPath() throws Exception {
        Trees.write(root, "shared/logo.svg", "<svg/>");
        Trees.write(root, "shared/deep/x.txt", "x");
        createSymbolicLink(input().resolve("assets"), root.resolve("shared"));

        ProcessingResult result = run(Labels.class, new RecordingLog());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("assets/deep/x.txt", "assets/logo.svg"), Trees.files(output));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang only; a correct scan ends at once
    void linkLoopsThroughSeveralLinksOrToTheInputDirectoryAreReportedWhereMetAndNotFollowed() throws Exception {
        Trees.write(input(), "a/file.txt", "a");
        Trees.write(input(), "b/file.txt", "b");
        createSymbolicLink(input().resolve("a/to-b"), Path.of("../b"));
        createSymbolicLink(input().resolve("b/to-a"), Path.of("../a"));
        createSymbolicLink(input().resolve("a/top"), input());
        RecordingLog log = new RecordingLog();

        ProcessingResult result = run(Labels.class, log);

        assertTrue(result.succeeded(), result::toString);
        List<String> files = Trees.files(output);
        assertTrue(files.containsAll(List.of("a/file.txt", "b/file.txt")), files::toString);
        // Each file is reached once per path that does not repeat a directory: a/to-b/file.txt is b/file.txt again.
        assertEquals(List.of("a/file.txt", "a/to-b/file.txt", "b/file.txt", "b/to-a/file.txt"), files);
        // A link is a loop where it leads to a directory the walk is already inside: a/to-b/to-a is a again.
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(List.of("a/to-b/to-a", "a/top", "b/to-a/to-b", "b/to-a/top").stream()
                        .map(link -> "Skipping " + link + ": a symbolic link that leads back to one of its own parent directories").toList(),
                warnings.stream().sorted().toList());
    }

    // ---- trees ----

    @Test
    void treeTwoHundredLevelsDeepIsProcessedKeptUpToDateAndCleanedUp() throws Exception {
        StringBuilder deep = new StringBuilder();
        for (int level = 0; level < 200; level++) {
            deep.append(String.format("level-%03d/", level));
        }
        String leaf = deep + "leaf.txt";
        assertTrue(root.resolve("out").resolve(leaf).toString().length() < 4096, "within Linux's PATH_MAX");
        Trees.write(input(), leaf, "at the bottom");
        Trees.write(input(), "top.txt", "at the top");
        Files.setLastModifiedTime(input().resolve(leaf), IncrementalProject.hoursAgo(1));

        ProcessingResult first = runIncremental(Labels.class, new RecordingLog());
        ProcessingResult second = runIncremental(Labels.class, new RecordingLog());
        Files.delete(input().resolve(leaf));
        ProcessingResult third = runIncremental(Labels.class, new RecordingLog());

        assertEquals(2, first.processed(), first::toString);
        assertTrue(first.succeeded());
        assertEquals(2, second.upToDate());
        assertEquals(1, third.removed(), "the deleted input's output is removed");
        assertEquals(List.of("top.txt"), Trees.entries(output), "and so are the 200 directories it leaves empty");
    }

    @Test
    void outputDirectoryReachedThroughALinkInTheInputDirectoryIsNotScanned() throws Exception {
        Trees.write(input(), "a.txt", "a");
        output = input().resolve("generated");
        Files.createDirectories(output);
        createSymbolicLink(input().resolve("alias-of-generated"), Path.of("generated"));

        ProcessingResult first = run(Labels.class, new RecordingLog());
        ProcessingResult second = run(Labels.class, new RecordingLog());

        assertEquals(1, first.itemCount());
        assertEquals(1, second.itemCount(), "the outputs of the first run must not come back as inputs through the link");
        assertEquals(List.of("a.txt"), Trees.files(output));
    }

    private static boolean isReadable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return true;
        } catch (IOException denied) {
            return false;
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void createSymbolicLink(Path link, Path target) throws IOException {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be created here: " + e);
        }
    }
}
