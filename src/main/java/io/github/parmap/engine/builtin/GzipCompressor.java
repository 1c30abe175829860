package io.github.parmap.engine.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip members (RFC 1952) with no time stamp and no file name, so the same input always gives the same bytes.
 * One zlib stream and its buffers serve all of a worker's files: a file costs no stream object, buffer or
 * cleaner registration of its own.
 */
final class GzipCompressor implements Compressor {
    static final int DEFAULT_LEVEL = 6;
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Member header: deflate, no flags, no time stamp, no extra flags, unknown OS. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[BUFFER_SIZE];
    private final byte[] output = new byte[BUFFER_SIZE];

    /** @param level zlib's level, 1 (fastest) to 9 (smallest) */
    GzipCompressor(int level) {
        this.deflater = new Deflater(level, true); // raw deflate: the gzip header and trailer are written here
    }

    @Override
    public String extension() {
        return ".gz";
    }

    @Override
    public void compress(Path inputFile, long size, Path outputFile) throws IOException {
        deflater.reset();
        crc.reset();
        try (InputStream in = Files.newInputStream(inputFile); OutputStream out = Files.newOutputStream(outputFile)) {
            out.write(HEADER);
            for (int read; (read = in.read(input)) >= 0; ) {
                crc.update(input, 0, read);
                deflater.setInput(input, 0, read);
                while (!deflater.needsInput()) {
                    out.write(output, 0, deflater.deflate(output));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(output, 0, deflater.deflate(output));
            }
            // Trailer: CRC-32, then the input's length modulo 2^32, both little-endian; one write, as the
            // file's stream is not buffered.
            putLittleEndian(output, 0, crc.getValue());
            putLittleEndian(output, Integer.BYTES, deflater.getBytesRead());
            out.write(output, 0, 2 * Integer.BYTES);
        }
    }

    /** Puts the low 32 bits of the value at the offset, least significant byte first. */
    private static void putLittleEndian(byte[] bytes, int offset, long value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
