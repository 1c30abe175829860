package io.github.parmap.engine.builtin;

import io.github.parmap.ProcessorContext;
import java.util.List;
import java.util.Set;

/**
 * Built-in {@code brotli}: writes {@code REL.br} beside each input's relative path, for servers that serve
 * precompressed siblings ({@code Content-Encoding: br}). Parameter {@code level}, brotli's quality, 0
 * (fastest) to 11 (smallest), default 11; named {@code level} like the other compressors' so that switching
 * {@code <processor>} keeps the configuration valid. The window fits the input as with the {@code brotli}
 * tool (at most 16 MB), and the stream has no time stamp or name, so the same input always gives the same
 * bytes. Runs on Google's brotli library through brotli4j, whose native part matches the build machine.
 *
 * <p>{@code threshold} and {@code minRatio} decide which files get a sibling: a file of fewer than
 * {@code threshold} bytes (default 0) is not compressed, and a sibling is kept only if it is at most
 * {@code minRatio} times the file's size (default 0.8; {@code Infinity} keeps every sibling). A file that gets
 * none is skipped: it writes nothing, the summary counts it ({@code 12 not smaller, skipped}), and it stays up
 * to date until it changes.
 */
public final class BrotliProcessor extends PrecompressingProcessor {

    /** @param context the run's context, whose parameters are read and checked */
    public BrotliProcessor(ProcessorContext context) {
        this(new Parameters("brotli", context.parameters(), Set.of("level", Shrinkage.THRESHOLD, Shrinkage.MIN_RATIO)));
    }

    private BrotliProcessor(Parameters parameters) {
        super(Shrinkage.from(parameters),
                List.of(new BrotliCompressor(parameters.intInRange("level", BrotliCompressor.DEFAULT_LEVEL, 0, BrotliCompressor.MAX_LEVEL))));
    }
}
