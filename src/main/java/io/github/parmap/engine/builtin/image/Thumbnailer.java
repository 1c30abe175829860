package io.github.parmap.engine.builtin.image;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image into the picture to write: scaled to its target, stored grey where it has no colour,
 * with alpha only where the input has it and the format keeps it, and turned upright.
 */
public final class Thumbnailer {
    private Thumbnailer() {}

    public static BufferedImage thumbnail(DecodedImage decoded, ImageFormat format) {
        PixelKind input = PixelKind.of(decoded.pixels());
        PixelKind output = format == ImageFormat.JPEG ? input.opaque() : input;
        // Grey levels go through packed RGB by value: Java2D would otherwise convert them as if linear.
        BufferedImage source = input.gray() ? GrayPixels.toRgb(decoded.pixels(), input.alpha()) : decoded.pixels();
        BufferedImage scaled = Downscaler.scale(source, decoded.target(), output.scalingType());
        BufferedImage stored = output.gray() ? GrayPixels.fromRgb(scaled, output.alpha()) : scaled;
        return decoded.orientation().apply(stored);
    }
}
