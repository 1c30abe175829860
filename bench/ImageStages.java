import io.github.parmap.engine.builtin.image.DecodedImage;
import io.github.parmap.engine.builtin.image.FitBox;
import io.github.parmap.engine.builtin.image.ImageDecoder;
import io.github.parmap.engine.builtin.image.ImageEncoder;
import io.github.parmap.engine.builtin.image.ImageFormat;
import io.github.parmap.engine.builtin.image.Thumbnailer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Where {@code resize-image}'s time goes, on one thread, without the engine: over every file of a folder,
 * decoding (subsampled, as the built-in does), scaling and encoding into memory, each timed on its own. One
 * untimed pass first, so that the figures are the JIT-compiled code's. Prints
 * {@code decode=<s> scale=<s> encode=<s>}, the last pass's totals, and {@code decoded=<W>x<H>}, the size the
 * first file is decoded at.
 *
 * <pre>java -cp DIR:PLUGIN_JAR:LIBRARIES ImageStages INPUT</pre>
 */
public final class ImageStages {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(args[0]))) {
            files = listing.sorted().toList();
        }
        ImageDecoder decoder = new ImageDecoder(100_000_000L);
        FitBox box = new FitBox(OptionalInt.of(400), OptionalInt.of(400));
        ImageEncoder encoder = new ImageEncoder(0.85f);
        long[] nanos = new long[3];
        BufferedImage first = decoder.read(files.get(0), box).pixels();
        for (int pass = 0; pass < 2; pass++) {
            nanos = new long[3];
            for (Path file : files) {
                long start = System.nanoTime();
                DecodedImage decoded = decoder.read(file, box);
                long decodedAt = System.nanoTime();
                BufferedImage thumbnail = Thumbnailer.thumbnail(decoded, ImageFormat.JPEG);
                long scaledAt = System.nanoTime();
                encoder.write(thumbnail, ImageFormat.JPEG, new ByteArrayOutputStream());
                nanos[0] += decodedAt - start;
                nanos[1] += scaledAt - decodedAt;
                nanos[2] += System.nanoTime() - scaledAt;
            }
        }
        System.out.printf(Locale.ROOT, "decode=%.6f scale=%.6f encode=%.6f decoded=%dx%d%n", nanos[0] / 1e9, nanos[1] / 1e9,
                nanos[2] / 1e9, first.getWidth(), first.getHeight());
    }
}
