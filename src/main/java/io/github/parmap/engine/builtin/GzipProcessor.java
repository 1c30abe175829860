package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Built-in {@code gzip}: writes {@code REL.gz} beside each input's relative path, for servers that serve
 * precompressed siblings. Parameter {@code level}, 1 (fastest) to 9 (smallest), default 6. The gzip header
 * carries no time stamp and no file name, so the same input always gives the same bytes.
 *
 * <p>Each worker has its own instance, which keeps one zlib stream and its buffers for all of the worker's
 * items: setting up a stream allocates a few hundred KiB of native memory, which on many small files costs
 * about as much as compressing them.
 */
public final class GzipProcessor implements ItemProcessor {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int DEFAULT_LEVEL = 6;
    /** RFC 1952 member header: deflate, no flags, no time stamp, no extra flags, unknown OS. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[BUFFER_SIZE];
    private final byte[] output = new byte[BUFFER_SIZE];

    /** @param context the run's context, whose {@code level} parameter is read and checked */
    public GzipProcessor(ProcessorContext context) {
        int level = new Parameters("gzip", context.parameters(), Set.of("level"))
                .intInRange("level", DEFAULT_LEVEL, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION);
        this.deflater = new Deflater(level, true); // raw deflate: the gzip header and trailer are written here
    }

    @Override
    public void process(Item item) throws IOException {
        deflater.reset();
        crc.reset();
        try (InputStream in = Files.newInputStream(item.path());
                OutputStream out = Files.newOutputStream(item.output(item.relativePath() + ".gz"))) {
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
            writeTrailer(out, crc.getValue(), deflater.getBytesRead());
        }
    }

    /** CRC-32 and length of the uncompressed data (modulo 2^32), both little-endian, as RFC 1952 asks. */
    private void writeTrailer(OutputStream out, long checksum, long length) throws IOException {
        int offset = 0;
        for (long value : new long[] {checksum, length}) {
            for (int shift = 0; shift < 32; shift += 8) {
                output[offset++] = (byte) (value >>> shift);
            }
        }
        out.write(output, 0, offset);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
