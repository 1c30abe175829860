package io.github.parmap.engine.builtin;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.github.luben.zstd.util.Native;
import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Set;

/**
 * Built-in {@code zstd}: writes {@code REL.zst} beside each input's relative path, for servers that serve
 * precompressed siblings ({@code Content-Encoding: zstd}). Parameter {@code level}, 1 (fastest) to 19
 * (smallest), default 19. Levels 20 to 22 are not offered: their windows are larger than the 8 MB that
 * browsers accept. The frame carries a checksum of the content, as the {@code zstd} tool writes by default,
 * and no time stamp or name, so the same input always gives the same bytes.
 *
 * <p>Runs on the reference Zstandard library through zstd-jni.
 */
public final class ZstdProcessor implements ItemProcessor {
    static final int DEFAULT_LEVEL = 19;
    static final int MAX_LEVEL = 19;

    private final int level;

    /** @param context the run's context, whose {@code level} parameter is read and checked */
    public ZstdProcessor(ProcessorContext context) {
        this.level = new Parameters("zstd", context.parameters(), Set.of("level")).intInRange("level", DEFAULT_LEVEL, 1, MAX_LEVEL);
        try {
            Native.load();
        } catch (LinkageError | RuntimeException e) {
            throw new PlainMessageException("the zstd processor cannot load its native library (zstd-jni) on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage());
        }
    }

    @Override
    public void process(Item item) throws IOException {
        try (InputStream in = Files.newInputStream(item.path());
                OutputStream out = new ZstdOutputStreamNoFinalizer(Files.newOutputStream(item.output(item.relativePath() + ".zst")), level)
                        .setChecksum(true)) {
            in.transferTo(out);
        }
    }
}
