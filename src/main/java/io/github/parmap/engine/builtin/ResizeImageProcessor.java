package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.builtin.image.DecodedImage;
import io.github.parmap.engine.builtin.image.FitBox;
import io.github.parmap.engine.builtin.image.ImageDecoder;
import io.github.parmap.engine.builtin.image.ImageEncoder;
import io.github.parmap.engine.builtin.image.ImageFormat;
import io.github.parmap.engine.builtin.image.Thumbnailer;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Built-in {@code resize-image}: writes a smaller copy of each image, keeping its aspect ratio, the way
 * {@code vipsthumbnail} does. It reads JPEG (RGB, grey, CMYK and YCCK), PNG, WebP, GIF, BMP, TIFF and WBMP,
 * recognised by their content whatever the file is named, and writes PNG or JPEG.
 *
 * <p>Parameters:
 * <ul>
 * <li>{@code width}, {@code height}: the box the image must fit in, in pixels, from 1 to 32767; at least one
 * of them. The image is scaled by the same factor in both directions, to the largest size that fits; with
 * only one of them, the other side follows the aspect ratio. An image that already fits is not enlarged (it
 * is still written in the output format). The box applies to the image as shown: a JPEG's EXIF orientation
 * is applied first.</li>
 * <li>{@code format}: {@code png} or {@code jpeg} ({@code jpg}); default: JPEG for JPEG data, PNG for all
 * other data. The output keeps the input's relative path when its extension names the output format, and
 * otherwise gets the format's extension ({@code .png}, {@code .jpg}) in place of the input's: PNG data in a
 * file named {@code .jpg} becomes {@code .png}.</li>
 * <li>{@code quality}: JPEG quality from 1 to 100, default 85; PNG is lossless and ignores it.</li>
 * <li>{@code maxPixels}: the largest width × height that is decoded at all, from 1 to 9223372036854775807,
 * default 100000000 (100 megapixels). A larger image fails alone, naming its size, before its pixels are
 * read, so that a small file that unpacks to gigabytes (a "pixel bomb") cannot exhaust the heap.</li>
 * </ul>
 *
 * <p>An image much larger than its output is decoded at a fraction of its size (every n-th pixel, leaving
 * at least twice the output's size to scale down from), so memory and time follow the output. A truncated or
 * damaged file fails alone with "truncated or corrupt" and the decoder's reason, instead of giving a
 * half-grey thumbnail. PNG outputs are grey when the input has no colour, and keep transparency only when the
 * input has some; JPEG has none, so transparent parts become white. No metadata (EXIF, colour profiles, time
 * stamps) is copied, and scaling is done in software, so the same input and parameters always give the same
 * bytes on the same Java version.
 */
public final class ResizeImageProcessor implements ItemProcessor {
    private static final int MAX_SIDE = 32_767;
    private static final int DEFAULT_QUALITY = 85;
    private static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private final FitBox box;
    private final Optional<ImageFormat> format;
    private final ImageDecoder decoder;
    private final ImageEncoder encoder;

    /** @param context the run's context, whose parameters are read and checked */
    public ResizeImageProcessor(ProcessorContext context) {
        Parameters parameters = new Parameters("resize-image", context.parameters(),
                Set.of("width", "height", "format", "quality", "maxPixels"));
        OptionalInt width = parameters.optionalIntInRange("width", 1, MAX_SIDE);
        OptionalInt height = parameters.optionalIntInRange("height", 1, MAX_SIDE);
        if (width.isEmpty() && height.isEmpty()) {
            throw new PlainMessageException("the resize-image processor needs parameter <width>, <height> or both: "
                    + "the size in pixels the images must fit in, such as <width>256</width>");
        }
        this.box = new FitBox(width, height);
        String chosen = parameters.choice("format", "", List.of("png", "jpeg", "jpg"));
        this.format = chosen.isEmpty() ? Optional.empty() : Optional.of(chosen.equals("png") ? ImageFormat.PNG : ImageFormat.JPEG);
        this.encoder = new ImageEncoder(parameters.intInRange("quality", DEFAULT_QUALITY, 1, 100) / 100f);
        this.decoder = new ImageDecoder(parameters.longInRange("maxPixels", DEFAULT_MAX_PIXELS, 1, Long.MAX_VALUE));
        // Scaling needs no display; without this, AWT may look for one (or show an icon in the macOS Dock).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Override
    public void process(Item item) throws IOException {
        DecodedImage decoded = decoder.read(item.path(), box);
        ImageFormat outputFormat = format.orElse(ImageFormat.defaultFor(decoded.format()));
        try (OutputStream out = Files.newOutputStream(item.output(outputFormat.outputPath(item.relativePath())))) {
            encoder.write(Thumbnailer.thumbnail(decoded, outputFormat), outputFormat, out);
        }
    }
}
