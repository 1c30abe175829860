package io.github.parmap.engine.builtin;

import io.github.parmap.ProcessorContext;
import java.util.List;
import java.util.Set;

/**
 * Built-in {@code zstd}: writes {@code REL.zst} beside each input's relative path, for servers that serve
 * precompressed siblings ({@code Content-Encoding: zstd}). Parameter {@code level}, 1 (fastest) to 19
 * (smallest), default 19. Levels 20 to 22 are not offered: their windows are larger than the 8 MB that
 * browsers accept. As the {@code zstd} tool writes it, the frame declares the content size, uses a window
 * fitted to the input and carries a checksum of the content; with no time stamp or name, the same input
 * always gives the same bytes. Runs on the reference Zstandard library through zstd-jni.
 *
 * <p>{@code threshold} and {@code minRatio} decide which files get a sibling: a file of fewer than
 * {@code threshold} bytes (default 0) is not compressed, and a sibling is kept only if it is at most
 * {@code minRatio} times the file's size (default 0.8; {@code Infinity} keeps every sibling). A file that gets
 * none is skipped: it writes nothing, the summary counts it ({@code 12 not smaller, skipped}), and it stays up
 * to date until it changes.
 */
public final class ZstdProcessor extends PrecompressingProcessor {

    /** @param context the run's context, whose parameters are read and checked */
    public ZstdProcessor(ProcessorContext context) {
        this(new Parameters("zstd", context.parameters(), Set.of("level", Shrinkage.THRESHOLD, Shrinkage.MIN_RATIO)));
    }

    private ZstdProcessor(Parameters parameters) {
        super(Shrinkage.from(parameters),
                List.of(new ZstdCompressor(parameters.intInRange("level", ZstdCompressor.DEFAULT_LEVEL, 1, ZstdCompressor.MAX_LEVEL))));
    }
}
