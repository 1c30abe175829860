package io.github.parmap.engine.builtin;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.util.Native;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Zstandard frames (RFC 8878) from the reference library through zstd-jni, as the {@code zstd} tool writes
 * them: with the content size in the header, a window fitted to the input (the size is pledged before the
 * first byte), and a checksum of the content. One compression context and its direct buffers serve all of a
 * worker's files, so no file pays for allocating and clearing the level's match tables afresh.
 */
final class ZstdCompressor implements Compressor {
    static final int DEFAULT_LEVEL = 19;
    /** Levels 20 to 22 need windows larger than the 8 MB that browsers accept. */
    static final int MAX_LEVEL = 19;
    private static final int BUFFER_SIZE = 128 * 1024;

    private final int level;
    private final ZstdCompressCtx context;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE);

    /** @param level 1 (fastest) to 19 (smallest) */
    ZstdCompressor(int level) {
        try {
            Native.load();
        } catch (LinkageError | RuntimeException e) {
            throw new PlainMessageException("the zstd processor cannot load its native library (zstd-jni) on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage());
        }
        this.level = level;
        this.context = new ZstdCompressCtx();
    }

    @Override
    public String extension() {
        return ".zst";
    }

    @Override
    public void compress(Path input, long size, Path output) throws IOException {
        context.reset();
        context.setLevel(level);
        context.setChecksum(true);
        context.setContentSize(true);
        context.setPledgedSrcSize(size);
        try (FileChannel source = FileChannel.open(input, StandardOpenOption.READ);
                FileChannel target = FileChannel.open(output, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.clear().flip();
            boolean endOfInput = false;
            boolean frameDone = false;
            while (!frameDone) {
                if (!in.hasRemaining() && !endOfInput) {
                    in.clear();
                    endOfInput = source.read(in) < 0;
                    in.flip();
                }
                out.clear();
                // With END, the call reports whether the frame is complete; with CONTINUE, its result is not needed.
                boolean flushed = context.compressDirectByteBufferStream(out, in, endOfInput ? EndDirective.END : EndDirective.CONTINUE);
                frameDone = endOfInput && flushed;
                out.flip();
                while (out.hasRemaining()) {
                    target.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
