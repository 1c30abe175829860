package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.support.PlainMessageException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Built-in {@code resize-image}: writes a smaller copy of each image with the JDK's ImageIO, keeping its
 * aspect ratio. It reads PNG, JPEG, GIF, BMP and the other formats ImageIO reads, and writes PNG or JPEG.
 *
 * <p>Parameters:
 * <ul>
 * <li>{@code width}, {@code height}: the box the image must fit in, in pixels; at least one of them. The
 * image is scaled by the same factor in both directions, to the largest size that fits; with only one of
 * them, the other side follows the aspect ratio. An image that already fits is not enlarged (it is still
 * written in the output format).</li>
 * <li>{@code format}: {@code png} or {@code jpeg}; default: JPEG for JPEG inputs, PNG for all others. The
 * output keeps the input's relative path when the format is the input's, and otherwise gets the format's
 * extension ({@code .png}, {@code .jpg}) in place of the input's.</li>
 * <li>{@code quality}: JPEG quality from 1 to 100, default 85; PNG is lossless and ignores it.</li>
 * </ul>
 *
 * <p>PNG outputs keep transparency; JPEG has none, so transparent parts become white. No metadata (EXIF,
 * color profiles, time stamps) is copied, and scaling is done in software, so the same input and parameters
 * always give the same bytes on the same Java version.
 */
public final class ResizeImageProcessor implements ItemProcessor {
    private static final int MAX_SIDE = 32_767;
    private static final int DEFAULT_QUALITY = 85;

    private final OptionalInt width;
    private final OptionalInt height;
    private final String format;
    private final float quality;

    /** @param context the run's context, whose parameters are read and checked */
    public ResizeImageProcessor(ProcessorContext context) {
        Parameters parameters = new Parameters("resize-image", context.parameters(), Set.of("width", "height", "format", "quality"));
        this.width = parameters.optionalIntInRange("width", 1, MAX_SIDE);
        this.height = parameters.optionalIntInRange("height", 1, MAX_SIDE);
        if (width.isEmpty() && height.isEmpty()) {
            throw new PlainMessageException("the resize-image processor needs parameter <width>, <height> or both: "
                    + "the size in pixels the images must fit in, such as <width>256</width>");
        }
        String chosen = parameters.choice("format", "", List.of("png", "jpeg", "jpg"));
        this.format = chosen.equals("jpg") ? "jpeg" : chosen;
        this.quality = parameters.intInRange("quality", DEFAULT_QUALITY, 1, 100) / 100f;
        // Scaling needs no display; without this, AWT may look for one (or show an icon in the macOS Dock).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Override
    public void process(Item item) throws IOException {
        Decoded source = read(item);
        String outputFormat = format.isEmpty() ? (source.format().equals("jpeg") ? "jpeg" : "png") : format;
        boolean jpeg = outputFormat.equals("jpeg");
        BufferedImage image = source.image();
        int[] size = targetSize(image.getWidth(), image.getHeight());
        BufferedImage resized = scale(image, size[0], size[1], jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        String output = outputPath(item.relativePath(), source.format(), outputFormat);
        try (OutputStream out = Files.newOutputStream(item.output(output))) {
            write(resized, outputFormat, out);
        }
    }

    private record Decoded(BufferedImage image, String format) {}

    private static Decoded read(Item item) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(item.path().toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new PlainMessageException("not an image that ImageIO can read (PNG, JPEG, GIF, BMP, TIFF or WBMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Decoded(reader.read(0), reader.getFormatName().toLowerCase(Locale.ROOT));
            } finally {
                reader.dispose();
            }
        }
    }

    /** The largest size with the source's aspect ratio that fits the box; the source's own size if it fits already. */
    int[] targetSize(int sourceWidth, int sourceHeight) {
        double scale = 1;
        if (width.isPresent()) {
            scale = Math.min(scale, (double) width.getAsInt() / sourceWidth);
        }
        if (height.isPresent()) {
            scale = Math.min(scale, (double) height.getAsInt() / sourceHeight);
        }
        if (scale >= 1) {
            return new int[] {sourceWidth, sourceHeight};
        }
        return new int[] {
            Math.max(1, (int) Math.round(sourceWidth * scale)),
            Math.max(1, (int) Math.round(sourceHeight * scale))
        };
    }

    /**
     * Scales in steps that at most halve the size, each with bilinear interpolation: one bilinear step from a
     * much larger image samples only a few source pixels per target pixel and looks grainy.
     */
    private static BufferedImage scale(BufferedImage source, int targetWidth, int targetHeight, int type) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        do {
            currentWidth = Math.max(targetWidth, currentWidth / 2);
            currentHeight = Math.max(targetHeight, currentHeight / 2);
            if (currentWidth / 2 < targetWidth && currentHeight / 2 < targetHeight) {
                currentWidth = targetWidth;
                currentHeight = targetHeight;
            }
            current = draw(current, currentWidth, currentHeight, type);
        } while (currentWidth != targetWidth || currentHeight != targetHeight);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D graphics = target.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, width, height);
            }
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private void write(BufferedImage image, String outputFormat, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(outputFormat).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (outputFormat.equals("jpeg")) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }

    /** The input's path when the format stays; otherwise its extension is replaced by the format's. */
    static String outputPath(String relativePath, String inputFormat, String outputFormat) {
        if (outputFormat.equals(inputFormat)) {
            return relativePath;
        }
        int slash = relativePath.lastIndexOf('/');
        int dot = relativePath.lastIndexOf('.');
        String stem = dot > slash + 1 ? relativePath.substring(0, dot) : relativePath;
        return stem + (outputFormat.equals("jpeg") ? ".jpg" : ".png");
    }
}
