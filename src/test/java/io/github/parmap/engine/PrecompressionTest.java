package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compressing built-ins keep only siblings worth keeping ({@code threshold}, {@code minRatio}), write
 * zstd frames as the {@code zstd} tool does, and {@code precompress} writes several formats from one scan.
 */
class PrecompressionTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;
    private final byte[] page = CompressionBuiltinsTest.text(400, 7);
    private final byte[] noise = new byte[20_000];

    @BeforeEach
    void writeInputs() {
        input = root.resolve("in");
        output = root.resolve("out");
        new Random(5).nextBytes(noise);
        Trees.write(input, "index.html", page);
        Trees.write(input, "img/photo.jpg", noise); // already compressed data: no sibling is smaller
        Trees.write(input, "t1.css", "a{color:red}"); // 12 bytes: a sibling is larger than that
    }

    private ProcessingResult run(String builtin, Map<String, String> parameters, RecordingLog log) throws Exception {
        ProcessorDefinition definition = ProcessorResolver.resolve(builtin, getClass().getClassLoader());
        return ParallelRun.execute(ProcessingRequest.builder(input, output, definition).parameters(parameters).workers(2)
                .incremental(new Incremental(root.resolve("state"), builtin + parameters, false)).log(log).build());
    }

    private static String summary(RecordingLog log) {
        return log.entries().stream().map(RecordingLog.Entry::message).filter(m -> m.startsWith("Processed") || m.contains("up to date"))
                .reduce((first, last) -> last).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "brotli", "zstd"})
    void aFileThatDoesNotShrinkGetsNoSiblingIsCountedAndStaysUpToDate(String builtin) throws Exception {
        RecordingLog log = new RecordingLog();

        ProcessingResult first = run(builtin, Map.of(), log);

        String extension = Map.of("gzip", ".gz", "brotli", ".br", "zstd", ".zst").get(builtin);
        assertTrue(first.succeeded(), first::toString);
        assertEquals(List.of("index.html" + extension), Trees.files(output), "only the page shrinks to 80% or less");
        assertEquals(Map.of("not smaller", 2), first.skipped());
        assertEquals(3, first.processed());
        assertTrue(summary(log).contains(" 1 output written), 2 not smaller, skipped, 0 failed"), summary(log));

        RecordingLog second = new RecordingLog();
        ProcessingResult again = run(builtin, Map.of(), second);

        assertTrue(again.allUpToDate(), "a skipped file is not redone on the next build: " + again);
        assertEquals(List.of("index.html" + extension), Trees.files(output));
    }

    @Test
    void minRatioDecidesWhichSiblingsAreKept() throws Exception {
        ProcessingResult result = run("gzip", Map.of("minRatio", "Infinity"), new RecordingLog());

        assertEquals(Map.of(), result.skipped());
        assertEquals(List.of("img/photo.jpg.gz", "index.html.gz", "t1.css.gz"), Trees.files(output));
        assertTrue(Files.size(output.resolve("t1.css.gz")) > 12, "kept although larger than its input");
        assertArrayEquals(noise, gunzip(Files.readAllBytes(output.resolve("img/photo.jpg.gz"))));
    }

    @Test
    void aChangedMinRatioRedoesTheFilesAndTakesBackSiblingsNoLongerKept() throws Exception {
        run("gzip", Map.of("minRatio", "1.5"), new RecordingLog());
        assertEquals(List.of("img/photo.jpg.gz", "index.html.gz"), Trees.files(output), "random data grows by a few bytes only");

        ProcessingResult strict = run("gzip", Map.of("minRatio", "0.5"), new RecordingLog());

        assertEquals(List.of("index.html.gz"), Trees.files(output));
        assertEquals(Map.of("not smaller", 2), strict.skipped());
    }

    @Test
    void filesBelowTheThresholdAreNotCompressed() throws Exception {
        RecordingLog log = new RecordingLog();

        ProcessingResult result = run("zstd", Map.of("threshold", "1000"), log);

        assertEquals(List.of("index.html.zst"), Trees.files(output));
        assertEquals(Map.of("not smaller", 1, "below threshold", 1), result.skipped());
        assertTrue(summary(log).contains("1 below threshold, skipped, 1 not smaller, skipped"), summary(log));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @org.junit.jupiter.params.provider.CsvSource({
        "minRatio, 0, 'a number above 0, such as 0.8 (Infinity keeps every output)'",
        "minRatio, -1, 'a number above 0, such as 0.8 (Infinity keeps every output)'",
        "minRatio, NaN, 'a number above 0, such as 0.8 (Infinity keeps every output)'",
        "minRatio, 80%, 'a number above 0, such as 0.8 (Infinity keeps every output)'",
        "threshold, -5, 'a whole number from 0 to 9223372036854775807'",
        "threshold, 1k, 'a whole number from 0 to 9223372036854775807'"})
    void badShrinkageParametersFailTheRunNamingThem(String name, String value, String expected) throws Exception {
        ProcessingResult result = run("gzip", Map.of(name, value), new RecordingLog());

        assertFalse(result.succeeded());
        assertEquals("processor gzip could not be created: parameter <" + name + "> of the gzip processor must be " + expected
                + ", was: '" + value + "'", result.processorFailures().get(0).message());
    }

    // ---- zstd frames as the zstd tool writes them ----

    /** The fields of a zstd frame header (RFC 8878, 3.1.1.1) that tell a decoder how much memory to set aside. */
    record FrameHeader(boolean singleSegment, long windowSize, long contentSize, boolean checksum) {
        static FrameHeader read(byte[] frame) {
            assertArrayEquals(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, java.util.Arrays.copyOf(frame, 4), "zstd magic");
            int descriptor = frame[4] & 0xff;
            int contentSizeFlag = descriptor >>> 6;
            boolean single = (descriptor & 0x20) != 0;
            int position = 5;
            long window = -1;
            if (!single) {
                int windowDescriptor = frame[position++] & 0xff;
                long base = 1L << (10 + (windowDescriptor >>> 3));
                window = base + (base / 8) * (windowDescriptor & 7);
            }
            position += new int[] {0, 1, 2, 4}[descriptor & 3]; // dictionary id
            int fieldSize = new int[] {single ? 1 : 0, 2, 4, 8}[contentSizeFlag];
            long content = -1;
            if (fieldSize > 0) {
                content = 0;
                for (int i = fieldSize - 1; i >= 0; i--) {
                    content = content << 8 | (frame[position + i] & 0xff);
                }
                if (fieldSize == 2) {
                    content += 256;
                }
            }
            return new FrameHeader(single, single ? content : window, content, (descriptor & 0x04) != 0);
        }
    }

    @Test
    void zstdFramesDeclareTheContentSizeAndAWindowFittedToTheInput() throws Exception {
        byte[] large = CompressionBuiltinsTest.text(3000, 8); // about 250 KB
        Trees.write(input, "app.js", large);

        run("zstd", Map.of("minRatio", "Infinity"), new RecordingLog());

        FrameHeader tiny = FrameHeader.read(Files.readAllBytes(output.resolve("t1.css.zst")));
        assertEquals(new FrameHeader(true, 12, 12, true), tiny, "a 12-byte file needs a 12-byte window, not 8 MiB");
        FrameHeader big = FrameHeader.read(Files.readAllBytes(output.resolve("app.js.zst")));
        assertEquals(large.length, big.contentSize());
        assertTrue(big.windowSize() >= large.length && big.windowSize() < 2L * large.length, "window fitted to the input: " + big);
        assertTrue(big.checksum());
        assertArrayEquals(large, unzstd(Files.readAllBytes(output.resolve("app.js.zst"))));
    }

    @Test
    void zstdFramesOfLargeInputsStayWithinTheEightMegabyteWindowBrowsersAccept() throws Exception {
        byte[] large = new byte[9 << 20];
        Random random = new Random(3);
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + random.nextInt(4)); // compressible, and larger than the window
        }
        Trees.write(input, "data.txt", large);

        run("zstd", Map.of("level", "19"), new RecordingLog());

        byte[] frame = Files.readAllBytes(output.resolve("data.txt.zst"));
        FrameHeader header = FrameHeader.read(frame);
        assertEquals(large.length, header.contentSize());
        assertTrue(header.windowSize() <= 8 << 20, "window " + header.windowSize());
        assertArrayEquals(large, unzstd(frame));
    }

    private static byte[] unzstd(byte[] frame) throws IOException {
        try (InputStream in = new io.airlift.compress.zstd.ZstdInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] member) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            return in.readAllBytes();
        }
    }

    // ---- precompress: several formats from one scan ----

    @Test
    void precompressWritesEachFormatAsItsOwnBuiltinDoes() throws Exception {
        Map<String, String> levels = Map.of("gzipLevel", "9", "brotliLevel", "5", "zstdLevel", "12");

        ProcessingResult result = run("precompress", levels, new RecordingLog());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("index.html.br", "index.html.gz", "index.html.zst"), Trees.files(output));
        assertEquals(Map.of("not smaller", 2), result.skipped());
        for (String[] single : new String[][] {{"gzip", "9", ".gz"}, {"brotli", "5", ".br"}, {"zstd", "12", ".zst"}}) {
            Path alone = root.resolve(single[0]);
            ProcessorDefinition definition = ProcessorResolver.resolve(single[0], getClass().getClassLoader());
            ParallelRun.execute(ProcessingRequest.builder(input, alone, definition).parameters(Map.of("level", single[1])).build());
            assertArrayEquals(Files.readAllBytes(alone.resolve("index.html" + single[2])),
                    Files.readAllBytes(output.resolve("index.html" + single[2])), single[0]);
        }
    }

    @Test
    void precompressKeepsEachSiblingThatShrinksEnoughAndNoOther() throws Exception {
        long fast = compressedAlone("gzip", "1", ".gz");
        long strong = compressedAlone("zstd", "19", ".zst");
        assertTrue(strong < fast, "zstd -19 beats gzip -1 on text: " + strong + " vs " + fast);
        String between = Double.toString((fast + strong) / 2.0 / page.length);

        run("precompress", Map.of("gzipLevel", "1", "formats", "gzip, zstd", "minRatio", between), new RecordingLog());

        assertEquals(List.of("index.html.zst"), Trees.files(output), "only zstd's sibling is below a ratio of " + between);
    }

    private long compressedAlone(String builtin, String level, String extension) throws Exception {
        Path alone = root.resolve(builtin + level);
        ProcessorDefinition definition = ProcessorResolver.resolve(builtin, getClass().getClassLoader());
        ParallelRun.execute(ProcessingRequest.builder(input, alone, definition).parameters(Map.of("level", level)).build());
        return Files.size(alone.resolve("index.html" + extension));
    }

    @Test
    void precompressNamesAnUnknownFormat() throws Exception {
        ProcessingResult result = run("precompress", Map.of("formats", "gzip,lzma"), new RecordingLog());

        assertEquals("processor precompress could not be created: parameter <formats> of the precompress processor must be a "
                + "comma-separated list of gzip, brotli, zstd, was: 'gzip,lzma'", result.processorFailures().get(0).message());
    }
}
