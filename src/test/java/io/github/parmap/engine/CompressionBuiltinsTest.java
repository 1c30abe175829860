package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zstd and brotli built-ins. Outputs are read back with decoders written independently of the encoders
 * (aircompressor's pure-Java zstd, Google's Java brotli decoder) and with the encoding libraries' own, so a
 * passing test means a standard stream, not only one that its library can read.
 */
class CompressionBuiltinsTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
    }

    static byte[] text(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        String[] words = {"<div class=\"card\">", "</div>", "function", "return", "const", "let", "=>", "{", "}", "margin: 0;"};
        for (int line = 0; line < lines; line++) {
            for (int word = 0; word < 10; word++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] unzstd(byte[] compressed) throws IOException {
        try (InputStream in = new io.airlift.compress.zstd.ZstdInputStream(new ByteArrayInputStream(compressed))) {
            byte[] independent = in.readAllBytes();
            try (InputStream own = new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(compressed))) {
                assertArrayEquals(independent, own.readAllBytes(), "zstd-jni and aircompressor must read the same content");
            }
            return independent;
        }
    }

    private static byte[] unbrotli(byte[] compressed) throws IOException {
        try (InputStream in = new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(compressed))) {
            byte[] independent = in.readAllBytes();
            try (InputStream own = new com.aayushatharva.brotli4j.decoder.BrotliInputStream(new ByteArrayInputStream(compressed))) {
                assertArrayEquals(independent, own.readAllBytes(), "brotli4j and Google's Java decoder must read the same content");
            }
            return independent;
        }
    }

    private static byte[] decompress(String processor, byte[] compressed) throws IOException {
        return processor.equals("zstd") ? unzstd(compressed) : unbrotli(compressed);
    }

    private static String extension(String processor) {
        return processor.equals("zstd") ? ".zst" : ".br";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zstd", "brotli"})
    void writesASiblingThatDecompressesToTheInput(String processor) throws Exception {
        byte[] page = text(3000, 1);
        byte[] binary = new byte[200_000];
        new Random(2).nextBytes(binary);
        Trees.write(input, "site/index.html", page);
        Trees.write(input, "site/img/photo.bin", binary);
        Trees.write(input, "empty.css", new byte[0]);

        // Every sibling kept, even of random bytes and of the empty file: what counts here is that each decodes.
        ProcessingResult result = Runs.runBuiltin(input, output, processor, Map.of("level", "3", "minRatio", "Infinity"), 2);

        assertTrue(result.succeeded(), result::toString);
        String ext = extension(processor);
        assertEquals(List.of("empty.css" + ext, "site/img/photo.bin" + ext, "site/index.html" + ext), Trees.files(output));
        assertArrayEquals(page, decompress(processor, Files.readAllBytes(output.resolve("site/index.html" + ext))));
        assertArrayEquals(binary, decompress(processor, Files.readAllBytes(output.resolve("site/img/photo.bin" + ext))));
        assertArrayEquals(new byte[0], decompress(processor, Files.readAllBytes(output.resolve("empty.css" + ext))));
        assertTrue(Files.size(output.resolve("site/index.html" + ext)) < page.length / 3, "text compresses");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zstd", "brotli"})
    void outputIsTheSameOnEveryRunAndForAnyWorkerCount(String processor) throws Exception {
        for (int i = 0; i < 6; i++) {
            Trees.write(input, "file-" + i + ".js", text(400 + 100 * i, 10 + i));
        }

        Runs.runBuiltin(input, root.resolve("one"), processor, Map.of(), 1);
        Files.setLastModifiedTime(input.resolve("file-0.js"), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        Runs.runBuiltin(input, root.resolve("three"), processor, Map.of(), 3);

        assertEquals(6, Trees.files(root.resolve("one")).size());
        assertEquals(Trees.contents(root.resolve("one")), Trees.contents(root.resolve("three")));
    }

    @ParameterizedTest(name = "{0}: default level is {1}")
    @CsvSource({"zstd, 19", "brotli, 11"})
    void defaultLevelIsTheStrongest(String processor, String strongest) throws Exception {
        Trees.write(input, "app.js", text(2000, 3));

        Runs.runBuiltin(input, root.resolve("default"), processor, Map.of(), 1);
        Runs.runBuiltin(input, root.resolve("explicit"), processor, Map.of("level", strongest), 1);
        Runs.runBuiltin(input, root.resolve("fast"), processor, Map.of("level", "1"), 1);

        byte[] byDefault = Files.readAllBytes(root.resolve("default/app.js" + extension(processor)));
        assertArrayEquals(Files.readAllBytes(root.resolve("explicit/app.js" + extension(processor))), byDefault);
        long fast = Files.size(root.resolve("fast/app.js" + extension(processor)));
        assertTrue(byDefault.length < fast, "level " + strongest + " is smaller than level 1: " + byDefault.length + " vs " + fast);
    }

    @Test
    void zstdFramesCarryAContentChecksumAsTheZstdToolWrites() throws Exception {
        Trees.write(input, "a.txt", text(100, 4));

        Runs.runBuiltin(input, output, "zstd", Map.of(), 1);

        byte[] frame = Files.readAllBytes(output.resolve("a.txt.zst"));
        assertArrayEquals(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, new byte[] {frame[0], frame[1], frame[2], frame[3]}, "zstd magic");
        assertEquals(0x04, frame[4] & 0x04, "Content_Checksum_flag");
    }

    @ParameterizedTest(name = "{0} level ''{1}''")
    @CsvSource({"zstd, 0, 1 to 19", "zstd, 20, 1 to 19", "zstd, fast, 1 to 19", "brotli, -1, 0 to 11", "brotli, 12, 0 to 11",
        "brotli, 5.5, 0 to 11"})
    void rejectsLevelsOutOfRangeNamingTheParameter(String processor, String level, String range) throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.runBuiltin(input, output, processor, Map.of("level", level), 2);

        assertFalse(result.succeeded());
        assertEquals(1, result.processorFailures().size(), result::toString);
        assertEquals("processor " + processor + " could not be created: parameter <level> of the " + processor
                + " processor must be a whole number from " + range + ", was: '" + level + "'", result.processorFailures().get(0).message());
        assertEquals(List.of(), Trees.files(output));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zstd", "brotli"})
    void rejectsUnknownParametersNamingThem(String processor) throws Exception {
        Trees.write(input, "a.txt", "a");

        ProcessingResult result = Runs.runBuiltin(input, output, processor, Map.of("quality", "5"), 1);

        assertFalse(result.succeeded());
        assertEquals("processor " + processor + " could not be created: unknown parameter quality for the " + processor
                + " processor; it accepts: level, minRatio, threshold", result.processorFailures().get(0).message());
    }
}
