package io.github.parmap.engine.builtin;

import io.github.parmap.ProcessorContext;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Built-in {@code gzip}: writes {@code REL.gz} beside each input's relative path, for servers that serve
 * precompressed siblings. Parameter {@code level}, 1 (fastest) to 9 (smallest), default 6. The gzip header
 * carries no time stamp and no file name, so the same input always gives the same bytes.
 *
 * <p>{@code threshold} and {@code minRatio} decide which files get a sibling: a file of fewer than
 * {@code threshold} bytes (default 0) is not compressed, and a sibling is kept only if it is at most
 * {@code minRatio} times the file's size (default 0.8; {@code Infinity} keeps every sibling). A file that gets
 * none is skipped: it writes nothing, the summary counts it ({@code 12 not smaller, skipped}), and it stays up
 * to date until it changes.
 */
public final class GzipProcessor extends PrecompressingProcessor {

    /** @param context the run's context, whose parameters are read and checked */
    public GzipProcessor(ProcessorContext context) {
        this(new Parameters("gzip", context.parameters(), Set.of("level", Shrinkage.THRESHOLD, Shrinkage.MIN_RATIO)));
    }

    private GzipProcessor(Parameters parameters) {
        super(Shrinkage.from(parameters),
                List.of(new GzipCompressor(parameters.intInRange("level", GzipCompressor.DEFAULT_LEVEL, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION))));
    }
}
