package io.github.parmap.engine.builtin;

import io.github.parmap.ProcessorContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Built-in {@code precompress}: writes several compressed siblings of each file from one scan, such as
 * {@code app.js.gz}, {@code app.js.br} and {@code app.js.zst}, as nginx's {@code gzip_static} and
 * {@code brotli_static} and Caddy's {@code precompressed} expect them. The siblings are the bytes the
 * {@code gzip}, {@code brotli} and {@code zstd} built-ins write at the same levels.
 *
 * <p>Parameters:
 * <ul>
 * <li>{@code formats}: a comma-separated list of {@code gzip}, {@code brotli} and {@code zstd}; default all
 * three.</li>
 * <li>{@code gzipLevel} (1 to 9, default 6), {@code brotliLevel} (0 to 11, default 11), {@code zstdLevel} (1 to
 * 19, default 19): each format's level, as {@code level} of its own built-in.</li>
 * <li>{@code threshold} and {@code minRatio}, as for the single-format built-ins, apply to each sibling: a
 * sibling is kept only if it is at most {@code minRatio} (default 0.8) times the file's size. A file that
 * keeps none is skipped and counted in the summary ({@code 12 not smaller, skipped}).</li>
 * </ul>
 */
public final class PrecompressProcessor extends PrecompressingProcessor {
    private static final List<String> FORMATS = List.of("gzip", "brotli", "zstd");

    /** @param context the run's context, whose parameters are read and checked */
    public PrecompressProcessor(ProcessorContext context) {
        this(new Parameters("precompress", context.parameters(),
                Set.of("formats", "gzipLevel", "brotliLevel", "zstdLevel", Shrinkage.THRESHOLD, Shrinkage.MIN_RATIO)));
    }

    private PrecompressProcessor(Parameters parameters) {
        super(Shrinkage.from(parameters), compressors(parameters));
    }

    private static List<Compressor> compressors(Parameters parameters) {
        List<Compressor> compressors = new ArrayList<>();
        try {
            for (String format : formats(parameters)) {
                compressors.add(switch (format) {
                    case "gzip" -> new GzipCompressor(parameters.intInRange("gzipLevel", GzipCompressor.DEFAULT_LEVEL,
                            Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION));
                    case "brotli" -> new BrotliCompressor(parameters.intInRange("brotliLevel", BrotliCompressor.DEFAULT_LEVEL, 0,
                            BrotliCompressor.MAX_LEVEL));
                    default -> new ZstdCompressor(parameters.intInRange("zstdLevel", ZstdCompressor.DEFAULT_LEVEL, 1,
                            ZstdCompressor.MAX_LEVEL));
                });
            }
            return compressors;
        } catch (RuntimeException e) {
            compressors.forEach(Compressor::close); // the ones made before a bad parameter or a missing library
            throw e;
        }
    }

    /** @return the formats listed, in the order listed, each once */
    private static Set<String> formats(Parameters parameters) {
        String listed = parameters.text("formats").orElse(String.join(",", FORMATS));
        Set<String> formats = new LinkedHashSet<>();
        for (String part : listed.split(",")) {
            String format = part.strip().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) {
                throw parameters.invalid("formats", "a comma-separated list of " + String.join(", ", FORMATS), listed);
            }
            formats.add(format);
        }
        return formats;
    }
}
