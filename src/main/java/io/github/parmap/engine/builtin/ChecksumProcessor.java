package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Built-in {@code checksum}: writes {@code REL.sha256} (or {@code REL.sha512}) beside each input's relative
 * path, one line in the format of GNU {@code sha256sum} and {@code sha512sum}: the digest in lower-case hex,
 * two spaces, the input's file name without directories, and a newline, for example
 * {@code "2c26b4…7ae  logo.png\n"}. The name is relative to the folder the checksum file lies in, so
 * {@code sha256sum -c logo.png.sha256} succeeds in any folder that holds the file beside its checksum, such
 * as {@code target/classes/img} when the inputs are resources. Parameter {@code algorithm}: {@code sha256}
 * (default) or {@code sha512}.
 *
 * <p>A file name with a backslash, a line feed or a carriage return is written as those tools write it: the
 * line starts with a backslash and those characters are escaped as {@code \\}, {@code \n} and {@code \r}.
 */
public final class ChecksumProcessor implements ItemProcessor {
    private static final List<String> ALGORITHMS = List.of("sha256", "sha512");
    private static final int BUFFER_SIZE = 64 * 1024;

    private final MessageDigest digest;
    private final String extension;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    /** @param context the run's context, whose {@code algorithm} parameter is read and checked */
    public ChecksumProcessor(ProcessorContext context) throws NoSuchAlgorithmException {
        String algorithm = new Parameters("checksum", context.parameters(), Set.of("algorithm")).choice("algorithm", "sha256", ALGORITHMS);
        this.digest = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
        this.extension = "." + algorithm;
    }

    @Override
    public void process(Item item) throws IOException {
        digest.reset();
        try (InputStream in = Files.newInputStream(item.path())) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        String relativePath = item.relativePath();
        String line = checksumLine(HexFormat.of().formatHex(digest.digest()), relativePath.substring(relativePath.lastIndexOf('/') + 1));
        Files.writeString(item.output(relativePath + extension), line, StandardCharsets.UTF_8);
    }

    /** One line of {@code sha256sum} output, escaped as GNU coreutils does for names with {@code \}, LF or CR. */
    static String checksumLine(String hex, String fileName) {
        boolean escape = fileName.indexOf('\\') >= 0 || fileName.indexOf('\n') >= 0 || fileName.indexOf('\r') >= 0;
        if (!escape) {
            return hex + "  " + fileName + "\n";
        }
        String escaped = fileName.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + hex + "  " + escaped + "\n";
    }
}
