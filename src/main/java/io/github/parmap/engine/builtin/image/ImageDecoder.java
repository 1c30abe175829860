package io.github.parmap.engine.builtin.image;

import io.github.parmap.engine.support.PlainMessageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image file for a thumbnail: refuses one larger than the pixel budget from its header alone,
 * before anything of its size is allocated, and otherwise decodes only every n-th pixel of every n-th row
 * when the output is much smaller, so that memory and time follow the output's size rather than the input's.
 * A decoder's warning (JPEG data that ends early, say, which it would paint grey) fails the image.
 */
public final class ImageDecoder {
    static final String UNREADABLE = "not an image that can be read (JPEG, PNG, WebP, GIF, BMP, TIFF or WBMP)";

    private final long maxPixels;

    /** @param maxPixels the largest width × height that is decoded at all */
    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** @param box what the shown (upright) image must fit in */
    public DecodedImage read(Path file, FitBox box) throws IOException {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            JpegHeader jpeg = JpegHeader.of(in);
            ImageReader reader = ImageCodecs.readerFor(in, jpeg.hasFourComponents());
            if (reader == null) {
                throw new PlainMessageException(UNREADABLE);
            }
            try {
                return read(reader, in, jpeg.orientation(), box);
            } catch (PlainMessageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // What decoders throw on bad data: IIOException, EOFException, and for some malformed headers
                // IllegalArgumentException or IndexOutOfBoundsException. Reading the file itself went well:
                // the stream was opened and its signature read.
                throw new PlainMessageException("truncated or corrupt: " + causes(e));
            } finally {
                reader.dispose();
            }
        }
    }

    private DecodedImage read(ImageReader reader, ImageInputStream in, Orientation orientation, FitBox box) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        ReadWarnings warnings = new ReadWarnings();
        reader.addIIOReadWarningListener(warnings);
        reader.setInput(in, true, true);
        Size stored = new Size(reader.getWidth(0), reader.getHeight(0));
        if (stored.pixels() > maxPixels) {
            throw new PlainMessageException("the image is " + stored + " = " + stored.pixels() + " pixels, more than parameter "
                    + "<maxPixels> allows (" + maxPixels + "); raise <maxPixels> to resize it");
        }
        Size shown = orientation.swapsSides() ? stored.swapped() : stored;
        Size shownTarget = box.fit(shown);
        Size target = orientation.swapsSides() ? shownTarget.swapped() : shownTarget;
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(stored, target);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage pixels = reader.read(0, param);
        warnings.throwIfAny();
        return new DecodedImage(pixels, format, orientation, target);
    }

    /**
     * The largest whole step whose subsampled image still has at least twice the target's pixels in each
     * direction, so that the halving steps after it have real pixels to average.
     */
    static int subsampling(Size source, Size target) {
        int step = Math.max(1, Math.max(source.width() / (2 * target.width()), source.height() / (2 * target.height())));
        while (step > 1 && (sampled(source.width(), step) < 2 * target.width() || sampled(source.height(), step) < 2 * target.height())) {
            step--;
        }
        return step;
    }

    /** @return how many pixels of a side are read with a step, from its first pixel on */
    private static int sampled(int side, int step) {
        return (side + step - 1) / step;
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
