package io.github.parmap.engine.builtin;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * brotli streams (RFC 7932) from Google's library through brotli4j. The window is fitted to the input as the
 * {@code brotli} tool fits it: the smallest from 1 KB up that holds the whole file, at most 16 MB, so a small
 * file's stream asks a decoder for little memory.
 */
final class BrotliCompressor implements Compressor {
    static final int DEFAULT_LEVEL = 11;
    static final int MAX_LEVEL = 11;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MIN_WINDOW_BITS = 10;
    private static final int MAX_WINDOW_BITS = 24;

    private final int level;

    /** @param level brotli's quality, 0 (fastest) to 11 (smallest) */
    BrotliCompressor(int level) {
        try {
            Brotli4jLoader.ensureAvailability();
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PlainMessageException("the brotli processor cannot load its native library (brotli4j) on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + cause.getMessage());
        }
        this.level = level;
    }

    @Override
    public String extension() {
        return ".br";
    }

    @Override
    public void compress(Path input, long size, Path output) throws IOException {
        Encoder.Parameters parameters = new Encoder.Parameters().setQuality(level).setWindow(windowBits(size));
        try (InputStream in = Files.newInputStream(input);
                OutputStream out = new BrotliOutputStream(Files.newOutputStream(output), parameters, BUFFER_SIZE)) {
            in.transferTo(out);
        }
    }

    /** @return the smallest window, as a power of two, whose usable part (16 bytes less) holds {@code size} bytes */
    static int windowBits(long size) {
        int bits = MIN_WINDOW_BITS;
        while (bits < MAX_WINDOW_BITS && (1L << bits) - 16 < size) {
            bits++;
        }
        return bits;
    }
}
