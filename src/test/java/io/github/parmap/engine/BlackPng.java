package io.github.parmap.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an 8-bit grey PNG of any size whose pixels are all black, without holding or even compressing
 * all of them: a block of rows is compressed once, ending with a full flush that resets the compressor,
 * so the same compressed bytes stand for every such block and are written again and again. The uncompressed
 * data is all zero bytes (filter type 0 and black pixels), so its Adler-32 checksum follows from its length.
 * A 30000 × 30000 image, 900 MB of pixels, takes a few milliseconds and under a megabyte.
 */
final class BlackPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private BlackPng() {}

    static void write(Path file, int width, int height) throws IOException {
        int rowsPerBlock = largestDivisorUpTo(height, 256);
        long rowBytes = 1L + width;
        byte[] block = compressedZeros(rowBytes * rowsPerBlock);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream fields = new DataOutputStream(header);
            fields.writeInt(width);
            fields.writeInt(height);
            fields.write(new byte[] {8, 0, 0, 0, 0}); // 8 bits, grey, deflate, adaptive filtering, not interlaced
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", new byte[] {0x78, 0x01}); // zlib header: deflate, 32 KiB window
            for (int i = 0; i < height / rowsPerBlock; i++) {
                chunk(out, "IDAT", block);
            }
            long length = rowBytes * height;
            int adler = (int) ((length % 65521) << 16 | 1); // a = 1 + 0 + 0 …, b = the sum of a over every byte
            ByteArrayOutputStream end = new ByteArrayOutputStream();
            end.write(new byte[] {0x03, 0x00}); // an empty final block of fixed codes
            new DataOutputStream(end).writeInt(adler);
            chunk(out, "IDAT", end.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static int largestDivisorUpTo(int value, int limit) {
        for (int divisor = Math.min(value, limit); divisor > 1; divisor--) {
            if (value % divisor == 0) {
                return divisor;
            }
        }
        return 1;
    }

    /** @return raw deflate data of that many zero bytes, ending with a full flush */
    private static byte[] compressedZeros(long count) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[64 * 1024];
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (long left = count; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            compressed.write(buffer, 0, written);
        } while (written == buffer.length);
        deflater.end();
        return compressed.toByteArray();
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream fields = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        fields.writeInt(data.length);
        fields.write(name);
        fields.write(data);
        fields.writeInt((int) crc.getValue());
    }
}
