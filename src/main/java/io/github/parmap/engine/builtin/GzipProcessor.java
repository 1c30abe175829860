package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Built-in {@code gzip}: writes {@code REL.gz} beside each input's relative path, for servers that serve
 * precompressed siblings. Parameter {@code level}, 1 (fastest) to 9 (smallest), default 6. The gzip header
 * carries no time stamp and no file name, so the same input always gives the same bytes.
 */
public final class GzipProcessor implements ItemProcessor {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int DEFAULT_LEVEL = 6;

    private final int level;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    /** @param context the run's context, whose {@code level} parameter is read and checked */
    public GzipProcessor(ProcessorContext context) {
        this.level = new Parameters("gzip", context.parameters(), Set.of("level"))
                .intInRange("level", DEFAULT_LEVEL, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION);
    }

    @Override
    public void process(Item item) throws IOException {
        try (InputStream in = Files.newInputStream(item.path());
                OutputStream out = new LeveledGzipOutputStream(Files.newOutputStream(item.output(item.relativePath() + ".gz")), level)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        }
    }

    /** The JDK's gzip stream (header with zero time stamp and no name) at a chosen compression level. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER_SIZE);
            def.setLevel(level);
        }
    }
}
