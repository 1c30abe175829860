package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file far larger than the heap goes through a streaming built-in: a 3 GiB input (sparse, so it costs no
 * disk) is gzipped in a JVM of its own whose heap is 64 MiB. The run completes, and the output decompresses
 * to exactly the input. The file is also larger than 2 GiB, where an {@code int} size or offset would wrap.
 */
class LargeInputTest {
    private static final long SIZE = 3L << 30;
    private static final String HEAP = "-Xmx64m";
    /** Bytes that are not zero, at their offsets, so that the output is checked against more than zeros. */
    private static final Map<Long, String> MARKERS = new TreeMap<>(Map.of(
            0L, "start of the large input",
            (SIZE / 2) + 12_345, "in the middle, past 1 GiB",
            (1L << 31) - 4, "across the 2 GiB line",
            SIZE - 11, "at the end."));

    @TempDir
    Path root;

    @Test
    void threeGibibyteFileIsGzippedWithA64MebibyteHeap() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(root).getUsableSpace() > SIZE + (1L << 30),
                "needs 4 GiB free in the temporary directory, in case the file system cannot keep the input sparse");
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        try (RandomAccessFile file = new RandomAccessFile(input.resolve("large.bin").toFile(), "rw")) {
            file.setLength(SIZE);
            for (Map.Entry<Long, String> marker : MARKERS.entrySet()) {
                file.seek(marker.getKey());
                file.write(marker.getValue().getBytes(StandardCharsets.US_ASCII));
            }
        }

        Path log = root.resolve("forked-run.log");
        String printed = ForkedJvm.awaitSuccess(ForkedJvm.start(log, HEAP, LargeInputMain.class, List.of(input.toString(), output.toString())), log);

        assertTrue(printed.contains("Processed 1 of 1 file"), printed);
        assertEquals(List.of("large.bin.gz"), Trees.files(output));
        assertEquals(expectedCrc(), decompressedCrc(output.resolve("large.bin.gz")), "the output decompresses to the input");
    }

    /** The CRC-32 and length of the input, computed from its description rather than read back. */
    private static String expectedCrc() {
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[1 << 20];
        long position = 0;
        for (Map.Entry<Long, String> marker : MARKERS.entrySet()) {
            position = updateWithZeros(crc, zeros, position, marker.getKey());
            byte[] text = marker.getValue().getBytes(StandardCharsets.US_ASCII);
            crc.update(text);
            position += text.length;
        }
        updateWithZeros(crc, zeros, position, SIZE);
        return Long.toHexString(crc.getValue()) + " over " + SIZE + " bytes";
    }

    private static long updateWithZeros(CRC32 crc, byte[] zeros, long from, long to) {
        for (long position = from; position < to; ) {
            int length = (int) Math.min(zeros.length, to - position);
            crc.update(zeros, 0, length);
            position += length;
        }
        return to;
    }

    private static String decompressedCrc(Path gzip) throws IOException {
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip), 1 << 16)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                crc.update(buffer, 0, read);
                length += read;
            }
        }
        return Long.toHexString(crc.getValue()) + " over " + length + " bytes";
    }
}
