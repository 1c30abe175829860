package io.github.parmap.bench;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes {@code REL.sha256} beside each input, in the format of {@code sha256sum}. The input is streamed
 * through a fixed buffer, so memory use does not grow with the file: the large-file workload checks that.
 */
public final class Sha256Processor implements ItemProcessor {
    private static final int BUFFER_SIZE = 256 * 1024;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final MessageDigest digest;

    public Sha256Processor() throws NoSuchAlgorithmException {
        this.digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public void process(Item item) throws IOException {
        digest.reset();
        try (InputStream in = Files.newInputStream(item.path())) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        String name = item.path().getFileName().toString();
        String line = HexFormat.of().formatHex(digest.digest()) + "  " + name + "\n";
        Files.writeString(item.output(item.relativePath() + ".sha256"), line, StandardCharsets.US_ASCII);
    }
}
