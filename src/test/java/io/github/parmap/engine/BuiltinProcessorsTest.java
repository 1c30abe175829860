package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinProcessorsTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
    }

    private static byte[] text(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"};
        for (int line = 0; line < lines; line++) {
            for (int word = 0; word < 12; word++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(50)).append(' ');
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipWritesRelGzThatDecompressesToTheInput() throws Exception {
        byte[] big = text(5000, 1);
        byte[] binary = new byte[100_000];
        new Random(2).nextBytes(binary);
        Trees.write(input, "site/index.html", big);
        Trees.write(input, "site/img/photo.bin", binary);
        Trees.write(input, "empty.css", new byte[0]);

        // Every sibling kept, even of random bytes and of the empty file: what counts here is that each decodes.
        ProcessingResult result = Runs.runBuiltin(input, output, "gzip", Map.of("minRatio", "Infinity"), 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("empty.css.gz", "site/img/photo.bin.gz", "site/index.html.gz"), Trees.files(output));
        assertArrayEquals(big, gunzip(Files.readAllBytes(output.resolve("site/index.html.gz"))));
        assertArrayEquals(binary, gunzip(Files.readAllBytes(output.resolve("site/img/photo.bin.gz"))));
        assertArrayEquals(new byte[0], gunzip(Files.readAllBytes(output.resolve("empty.css.gz"))));
        assertTrue(Files.size(output.resolve("site/index.html.gz")) < big.length / 2, "text compresses");
    }

    /**
     * One worker compresses every file with the same zlib stream: nothing of one file may leak into the next,
     * whatever their sizes, so each output is exactly what a fresh JDK gzip stream at that level writes.
     */
    @Test
    void gzipOnOneWorkerWritesEachFileAsAFreshStreamWould() throws Exception {
        byte[] binary = new byte[300_000];
        new Random(4).nextBytes(binary);
        Map<String, byte[]> files = new TreeMap<>(Map.of(
                "a-big.txt", text(8000, 5), "b-empty.txt", new byte[0], "c-binary.bin", binary, "d-small.txt", text(3, 6)));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Trees.write(input, file.getKey(), file.getValue());
        }

        ProcessingResult result = Runs.runBuiltin(input, output, "gzip", Map.of("level", "7", "minRatio", "Infinity"), 1);

        assertTrue(result.succeeded(), result::toString);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] written = Files.readAllBytes(output.resolve(file.getKey() + ".gz"));
            assertArrayEquals(jdkGzip(file.getValue(), 7), written, file.getKey());
            assertArrayEquals(file.getValue(), gunzip(written), file.getKey());
        }
    }

    private static byte[] jdkGzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void gzipOutputHasNoTimeStampNorFileNameAndIsTheSameAcrossRuns() throws Exception {
        Trees.write(input, "a.txt", text(200, 3));

        Runs.runBuiltin(input, root.resolve("first"), "gzip", Map.of(), 1);
        Files.setLastModifiedTime(input.resolve("a.txt"), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        Runs.runBuiltin(input, root.resolve("second"), "gzip", Map.of(), 1);

        byte[] first = Files.readAllBytes(root.resolve("first/a.txt.gz"));
        byte[] second = Files.readAllBytes(root.resolve("second/a.txt.gz"));
        assertArrayEquals(first, second);
        assertEquals(0x1f, first[0] & 0xff);
        assertEquals(0x8b, first[1] & 0xff);
        assertArrayEquals(new byte[4], new byte[] {first[4], first[5], first[6], first[7]}, "MTIME must be zero");
        assertEquals(0, first[3] & 0x08, "no FNAME field");
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(strings = {"1", "9", " 5 ", ""})
    void gzipAcceptsLevelsOneToNine(String level) throws Exception {
        byte[] content = text(2000, 4);
        Trees.write(input, "a.txt", content);

        ProcessingResult result = Runs.runBuiltin(input, output, "gzip", Map.of("level", level), 1);

        assertTrue(result.succeeded(), result::toString);
        assertArrayEquals(content, gunzip(Files.readAllBytes(output.resolve("a.txt.gz"))));
    }

    @Test
    void gzipLevelChangesTheCompression() throws Exception {
        Trees.write(input, "a.txt", text(5000, 5));

        Runs.runBuiltin(input, root.resolve("fast"), "gzip", Map.of("level", "1"), 1);
        Runs.runBuiltin(input, root.resolve("small"), "gzip", Map.of("level", "9"), 1);

        byte[] fast = Files.readAllBytes(root.resolve("fast/a.txt.gz"));
        byte[] small = Files.readAllBytes(root.resolve("small/a.txt.gz"));
        assertNotEquals(fast.length, small.length, "level 1 and level 9 must not give the same compression");
        assertTrue(small.length < fast.length, "level 9 is smaller: " + small.length + " vs " + fast.length);
    }

    @ParameterizedTest(name = "level ''{0}''")
    @ValueSource(strings = {"0", "10", "x", "-1", "1.5"})
    void gzipRejectsOtherLevelsAsAProcessorFailureNamingLevel(String level) throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.runBuiltin(input, output, "gzip", Map.of("level", level), 2);

        assertFalse(result.succeeded());
        assertEquals(1, result.processorFailures().size(), result::toString);
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("gzip"), message);
        assertTrue(message.contains("<level>"), message);
        assertTrue(message.contains("'" + level + "'"), message);
        assertTrue(message.contains("1 to 9"), message);
        assertEquals(List.of(), Trees.files(output));
    }

    @Test
    void gzipRejectsAnUnknownParameterNamingIt() throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.runBuiltin(input, output, "gzip", Map.of("levle", "9"), 1);

        assertFalse(result.succeeded());
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("levle"), message);
        assertTrue(message.contains("level"), () -> "the message should say what is accepted: " + message);
    }

    @Test
    void copyCopiesBytesExactly() throws Exception {
        byte[] binary = new byte[300_000];
        new Random(6).nextBytes(binary);
        Trees.write(input, "data/blob.bin", binary);
        Trees.write(input, "text/readme.txt", "line one\r\nline two\n");
        Trees.write(input, "empty", new byte[0]);

        ProcessingResult result = Runs.runBuiltin(input, output, "copy", Map.of(), 3);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(Trees.contents(input), Trees.contents(output));
    }

    @Test
    void copyRejectsAnyParameter() throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.runBuiltin(input, output, "copy", Map.of("level", "9"), 1);

        assertFalse(result.succeeded());
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("copy"), message);
        assertTrue(message.contains("level"), message);
        assertTrue(message.contains("none"), message);
    }

    @Test
    void aBuiltinsCodeIsParmapsOwnAndTheLibrariesItRunsOnOnly() throws Exception {
        Path parmap = Path.of(io.github.parmap.engine.builtin.BuiltinProcessors.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertEquals(List.of(parmap), io.github.parmap.engine.builtin.BuiltinProcessors.codeLocations("gzip"));
        assertEquals(List.of(parmap), io.github.parmap.engine.builtin.BuiltinProcessors.codeLocations("exec"));
        List<Path> zstd = io.github.parmap.engine.builtin.BuiltinProcessors.codeLocations("zstd");
        assertEquals(2, zstd.size(), zstd::toString);
        assertEquals(parmap, zstd.get(0));
        assertTrue(zstd.get(1).getFileName().toString().startsWith("zstd-jni-"), zstd::toString);
        List<Path> brotli = io.github.parmap.engine.builtin.BuiltinProcessors.codeLocations("brotli");
        assertEquals(3, brotli.size(), brotli::toString);
        assertTrue(brotli.get(1).getFileName().toString().startsWith("brotli4j-"), brotli::toString);
        assertTrue(brotli.get(2).getFileName().toString().startsWith("service-"), brotli::toString);
        assertEquals(List.of(), io.github.parmap.engine.builtin.BuiltinProcessors.codeLocations("com.example.Nope"));
    }
}
