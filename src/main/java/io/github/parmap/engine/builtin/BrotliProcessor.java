package io.github.parmap.engine.builtin;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
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
 * Built-in {@code brotli}: writes {@code REL.br} beside each input's relative path, for servers that serve
 * precompressed siblings ({@code Content-Encoding: br}). Parameter {@code level}, brotli's quality, 0
 * (fastest) to 11 (smallest), default 11; named {@code level} like the other compressors' so that switching
 * {@code <processor>} keeps the configuration valid. The stream uses brotli's default 4 MB window and has
 * no time stamp or name, so the same input always gives the same bytes.
 *
 * <p>Runs on Google's brotli library through brotli4j, whose native part matches the build machine.
 */
public final class BrotliProcessor implements ItemProcessor {
    static final int DEFAULT_LEVEL = 11;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Encoder.Parameters parameters;

    /** @param context the run's context, whose {@code level} parameter is read and checked */
    public BrotliProcessor(ProcessorContext context) {
        int level = new Parameters("brotli", context.parameters(), Set.of("level")).intInRange("level", DEFAULT_LEVEL, 0, 11);
        try {
            Brotli4jLoader.ensureAvailability();
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PlainMessageException("the brotli processor cannot load its native library (brotli4j) on this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + cause.getMessage());
        }
        this.parameters = new Encoder.Parameters().setQuality(level);
    }

    @Override
    public void process(Item item) throws IOException {
        try (InputStream in = Files.newInputStream(item.path());
                OutputStream out = new BrotliOutputStream(Files.newOutputStream(item.output(item.relativePath() + ".br")), parameters, BUFFER_SIZE)) {
            in.transferTo(out);
        }
    }
}
